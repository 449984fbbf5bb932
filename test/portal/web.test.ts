import { expect } from 'chai';
import express, { Router } from 'express';
import request from 'supertest';
import { readdirSync, readFileSync } from 'node:fs';
import {
  createWeb,
  html,
  loadCatalog,
  negotiateLanguage,
  need,
  trustedHtml,
} from '../../src/platform/web/index.js';
import { requestId } from '../../src/platform/http/index.js';
import { api } from '../http.js';

function miniApp() {
  const web = createWeb({
    secret: 'x'.repeat(40),
    publicUrl: 'http://127.0.0.1:3300',
    localeFolders: [],
    sessions: { resolve: () => Promise.resolve(null), saveLanguage: () => Promise.resolve() },
  });
  const r = Router();
  r.get('/form', (req, res) => {
    web.render(req, res, { title: 'Form', body: html`<p id="token">${need(req).csrf}</p>` });
  });
  r.post('/form', ...web.form, (req, res) => {
    web.render(req, res, { title: 'Sent', body: html`<p>${String(req.body.text)}</p>` });
  });
  r.get('/boom', () => {
    throw new Error('secret detail');
  });
  const app = express();
  app.use(requestId);
  app.use(web.pages([r]));
  return app;
}

describe('web layer', () => {
  it('escapes every hole by default and keeps nested templates', () => {
    const name = '<img src=x onerror=alert(1)>"\'';
    const out = html`<p title="${name}">
      ${name}${html`<b>${'&'}</b>`}${[1, 'a<']}${null}${false}
    </p>`.value.replace(/\s*\n\s*/g, '');
    expect(out).to.equal(
      '<p title="&lt;img src=x onerror=alert(1)&gt;&quot;&#39;">&lt;img src=x onerror=alert(1)&gt;&quot;&#39;<b>&amp;</b>1a&lt;</p>',
    );
    expect(html`${trustedHtml('<hr>')}`.value).to.equal('<hr>');
  });

  it('negotiates the language: explicit choice, cookie, profile, then Accept-Language', () => {
    const offered = ['en', 'ar', 'es', 'fr'];
    expect(negotiateLanguage(offered, { acceptLanguage: 'de-DE, fr-CA;q=0.8, ar;q=0.9' })).to.equal(
      'ar',
    );
    expect(negotiateLanguage(offered, { acceptLanguage: 'fr-CA' })).to.equal('fr');
    expect(negotiateLanguage(offered, { profile: 'es', acceptLanguage: 'fr' })).to.equal('es');
    expect(negotiateLanguage(offered, { cookie: 'fr', profile: 'es' })).to.equal('fr');
    expect(negotiateLanguage(offered, { query: 'ar', cookie: 'fr' })).to.equal('ar');
    expect(negotiateLanguage(offered, { query: 'xx', acceptLanguage: 'zz' })).to.equal('en');
  });

  it('has every page string in every language (adding a language is adding files)', () => {
    // Every locale folder, nested ones (e.g. src/features/staff/locales/tasks) included.
    const folders: string[] = [];
    const walk = (dir: string) => {
      let subfolders: string[];
      try {
        subfolders = readdirSync(dir, { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => `${dir}/${e.name}`);
      } catch {
        return;
      }
      folders.push(dir);
      subfolders.forEach(walk);
    };
    [
      'src/platform/web/locales',
      ...readdirSync('src/features').map((f) => `src/features/${f}/locales`),
    ].forEach(walk);
    expect(folders).to.include('src/features/staff/locales/tasks');
    for (const folder of folders) {
      const files = readdirSync(folder).filter((f) => /^pages\.[a-z]+\.json$/.test(f));
      if (files.length === 0) {
        continue;
      }
      const catalog = loadCatalog([folder]);
      const en = [...catalog.strings.get('en')!.keys()];
      // Italian is checked wherever a folder offers it.
      const langs = ['fr', 'es', 'ar', ...(files.includes('pages.it.json') ? ['it'] : [])];
      for (const lang of langs) {
        const own = catalog.strings.get(lang);
        expect(own, `${folder} ${lang}`).to.not.equal(undefined);
        const missing = en.filter((k) => !own!.has(k));
        expect(missing, `${folder}/pages.${lang}.json`).to.deep.equal([]);
      }
      for (const f of files) {
        JSON.parse(readFileSync(`${folder}/${f}`, 'utf8'));
      }
    }
  });

  it('answers GET / with an HTML page in English by default, Arabic right-to-left with ?lang=ar', async () => {
    const en = await api.get('/');
    expect(en.status).to.equal(200);
    expect(en.type).to.equal('text/html');
    expect(en.text).to.match(/<html lang="en" dir="ltr">/);
    expect(en.text).to.include('Looking for a missing relative');
    const ar = await api.get('/?lang=ar');
    expect(ar.text).to.match(/<html lang="ar" dir="rtl">/);
    expect(ar.text).to.include('تبحث عن قريب مفقود');
    expect(String(ar.headers['set-cookie'])).to.match(
      /ariadne_lang=ar; Path=\/; SameSite=Lax; Max-Age=\d+; HttpOnly/,
    );
  });

  it('guesses the language from Accept-Language, then remembers the cookie', async () => {
    const fr = await api.get('/').set('Accept-Language', 'fr-FR,fr;q=0.9,en;q=0.5');
    expect(fr.text).to.match(/<html lang="fr"/);
    const cookie = await api.get('/').set('Accept-Language', 'fr').set('Cookie', 'ariadne_lang=es');
    expect(cookie.text).to.match(/<html lang="es"/);
  });

  it('sends pages with a strict CSP, no-store, no inline script and the local stylesheet', async () => {
    const res = await api.get('/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).to.include("script-src 'self'");
    expect(csp).to.include("style-src 'self'");
    expect(csp).to.not.include('unsafe-inline');
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.text).to.not.match(/<script(?![^>]*src=)/);
    expect(res.text).to.not.match(/style="/);
    expect(res.text).to.include('<link rel="stylesheet" href="/assets/portal.css" />');
    const css = await api.get('/assets/portal.css');
    expect(css.status).to.equal(200);
    expect(css.type).to.equal('text/css');
  });

  it('leaves API paths to the JSON API (404 there stays JSON)', async () => {
    const res = await api.get('/api/v1/nothing-here');
    expect(res.status).to.equal(404);
    expect(res.body.error.code).to.equal('NOT_FOUND');
    const page = await api.get('/nothing-here');
    expect(page.status).to.equal(404);
    expect(page.type).to.equal('text/html');
    expect(page.text).to.include('Page not found');
  });

  it('refuses a form without its CSRF token, or with another visit’s token', async () => {
    const app = miniApp();
    const first = await request(app).get('/form');
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    const token = /<p id="token">([^<]+)<\/p>/.exec(first.text)![1]!;
    const none = await request(app)
      .post('/form')
      .set('Cookie', cookie)
      .type('form')
      .send({ text: 'hi' });
    expect(none.status).to.equal(403);
    expect(none.text).to.include('Please try again');
    const other = await request(app).get('/form');
    const otherToken = /<p id="token">([^<]+)<\/p>/.exec(other.text)![1]!;
    const wrong = await request(app)
      .post('/form')
      .set('Cookie', cookie)
      .type('form')
      .send({ text: 'hi', _csrf: otherToken });
    expect(wrong.status).to.equal(403);
    const ok = await request(app)
      .post('/form')
      .set('Cookie', cookie)
      .type('form')
      .send({ text: '<b>hi</b>', _csrf: token });
    expect(ok.status).to.equal(200);
    expect(ok.text).to.include('&lt;b&gt;hi&lt;/b&gt;');
  });

  it('shows an error page without internal detail', async () => {
    const res = await request(miniApp()).get('/boom');
    expect(res.status).to.equal(500);
    expect(res.text).to.include('Something went wrong');
    expect(res.text).to.not.include('secret detail');
  });
});
