// Forensic practitioners' registration of remains (the PM form), their photos through the media
// service (post-mortem photos are sensitive: the media rules decide who sees them), the PM sheet,
// custody certificate and identification report PDFs, and the burial register.
import { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import {
  errorSummary,
  field,
  html,
  need,
  postForm,
  type FieldErrors,
  type Web,
} from '../../platform/web/index.js';
import { parseUpload } from '../media/index.js';
import type { Console } from './staff.shell.js';
import { answersOf, fieldInputs } from './staff.fields.js';
import { filters, pager, range, when } from './staff.helpers.js';
import { sendPdf } from './staff.pdf.js';
import { PM_FIELDS, PM_GROUPS, pmToRemains } from './staff.pm.js';
import type { StaffServices } from './staff.types.js';

const idParam = z.object({ id: z.uuid() });
const registerQuery = z.object({
  cemetery: z.string().trim().min(1).max(300),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

function idOf(req: Request, what: string): string {
  const p = idParam.safeParse(req.params);
  if (!p.success) {
    throw new AppError('NOT_FOUND', what);
  }
  return p.data.id;
}

/** PM registration, photos, PDFs and the burial register. */
export function staffPmPages(web: Web, con: Console, s: StaffServices): Router {
  const r = Router();
  const forensic = con.only('forensic');

  function newPage(req: Request, d: Record<string, string> = {}, errors?: FieldErrors) {
    const { t, csrf } = need(req);
    return {
      title: t('staff.pm.title'),
      body: html`${errorSummary(errors, t)}
        ${postForm(
          '/staff/remains/new',
          csrf,
          html`${Object.entries(PM_GROUPS).map(
            ([group, fields]) =>
              html`<fieldset class="group">
                <legend>${t(`staff.pm.group.${group}`)}</legend>
                ${fieldInputs(req, fields, d, errors)}
              </fieldset>`,
          )}`,
          { submit: t('staff.pm.submit') },
        )}
        <p class="meta">${t('staff.pm.photosNext')}</p>`,
    };
  }

  r.get('/staff/remains/new', forensic, (req, res) => {
    con.render(req, res, newPage(req, { sex: 'unknown', basisKind: 'public_health_law' }));
  });

  r.post('/staff/remains/new', forensic, ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const d = answersOf(req.body, PM_FIELDS);
    const built = pmToRemains(d);
    let errors: FieldErrors | undefined;
    if (!built.ok) {
      errors = Object.fromEntries(
        Object.entries(built.errors).map(([k, key]) => [k, `${t(`staff.f.${k}`)}: ${t(key)}`]),
      );
    } else {
      try {
        const rem = await s.remains.create(user!.actor, built.body);
        res.redirect(303, `/staff/remains/${String(rem.id)}/photos?registered=1`);
        return;
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') {
          throw err;
        }
        errors = { recoveryDate: `${t('form.error.invalid')} (${err.message})` };
      }
    }
    con.render(req, res, { status: 400, ...newPage(req, d, errors) });
  });

  async function photosPage(req: Request, id: string, notice?: string) {
    const { t, csrf, lang, user } = need(req);
    const rem = await s.remains.get(user!.actor, id);
    const files = await s.media.list(user!.actor, 'remains', id);
    return {
      title: t('staff.photos.title', { code: String(rem.code) }),
      body: html`${notice ? html`<div class="notice" role="status">${notice}</div>` : ''}
        <p>
          <a href="/staff/remains/${id}">${t('staff.photos.toRemains')}</a> ·
          <a href="/staff/remains/${id}/pm-sheet.pdf">${t('staff.pdf.pmSheet')}</a>
        </p>
        <p class="hint">${t('staff.photos.sensitive')}</p>
        ${
          files.length === 0
            ? html`<p>${t('staff.photos.none')}</p>`
            : html`<ul class="photos">
                ${files.map(
                  (f) =>
                    html`<li>
                      ${f.thumbKey ? html`<img src="/staff/files/${f.id}/thumb" alt="${f.caption ?? f.originalName}" width="160" />` : ''}
                      <div>${f.caption ?? f.originalName}</div>
                      <div class="meta">${when(f.createdAt, lang)}</div>
                    </li>`,
                )}
              </ul>`
        }
        <h2>${t('staff.photos.add')}</h2>
        ${postForm(
          `/staff/remains/${id}/photos`,
          csrf,
          html`<div class="field">
              <label for="f-files">${t('staff.photos.file')}</label
              ><input
                id="f-files"
                type="file"
                name="files"
                accept="image/jpeg,image/png,image/webp"
                multiple
              />
            </div>
            ${field({ name: 'caption', label: t('staff.photos.caption'), maxlength: 500 })}`,
          { submit: t('staff.photos.upload'), multipart: true },
        )}`,
    };
  }

  r.get('/staff/remains/:id/photos', forensic, async (req, res) => {
    const { t } = need(req);
    const notice = req.query.registered === '1' ? t('staff.photos.registered') : undefined;
    con.render(req, res, await photosPage(req, idOf(req, 'remains'), notice));
  });

  r.post('/staff/remains/:id/photos', forensic, async (req, res) => {
    const { user } = need(req);
    const id = idOf(req, 'remains');
    // The owner is checked before the body is read; the token is checked before anything is stored.
    await s.media.upload(user!.actor, 'remains', id, async () => {
      const upload = await parseUpload(req, res);
      web.checkCsrf(req);
      // The media service takes only its own fields: the token is the page's, a blank caption is none.
      const caption = upload.fields.caption?.trim();
      const fields: Record<string, string> = caption ? { caption } : {};
      return { files: upload.files, fields };
    });
    res.redirect(303, `/staff/remains/${id}/photos`);
  });

  r.get('/staff/files/:id/thumb', forensic, async (req, res) => {
    const file = await s.media.content(need(req).user!.actor, idOf(req, 'file'), 'thumb');
    res.set('Cache-Control', 'no-store').type(file.mediaType).send(file.data);
  });

  r.get('/staff/remains/:id/pm-sheet.pdf', forensic, async (req, res) => {
    sendPdf(res, await s.documents.pmSheet(need(req).user!.actor, idOf(req, 'remains')));
  });

  r.get('/staff/remains/:id/certificate.pdf', forensic, async (req, res) => {
    sendPdf(res, await s.documents.custodyCertificate(need(req).user!.actor, idOf(req, 'remains')));
  });

  r.get(
    '/staff/candidates/:id/identification-report.pdf',
    con.only('forensic', 'caseworker', 'contact_point'),
    async (req, res) => {
      const doc = await s.documents.identificationReport(
        need(req).user!.actor,
        idOf(req, 'candidate'),
      );
      sendPdf(res, doc);
    },
  );

  r.get('/staff/burial-register', con.only('forensic', 'caseworker'), async (req, res) => {
    const { t, user } = need(req);
    const asked = typeof req.query.cemetery === 'string';
    const { values, parsed } = filters(req, registerQuery, ['cemetery', 'offset'], t);
    const form = html`<form method="get" action="/staff/burial-register" role="search">
      ${field({ name: 'cemetery', label: t('staff.burial.cemetery'), hint: t('staff.burial.cemeteryHint'), value: values.cemetery, error: asked && !parsed.ok ? parsed.errors.cemetery : undefined })}
      <button type="submit">${t('staff.burial.show')}</button>
    </form>`;
    if (!parsed.ok) {
      con.render(req, res, {
        status: asked ? 400 : 200,
        title: t('staff.burial.title'),
        body: html`${asked ? errorSummary(parsed.errors, t) : ''}${form}`,
      });
      return;
    }
    const reg = await s.custody.register(user!.actor, {
      cemetery: parsed.data.cemetery,
      format: 'json',
      limit: 50,
      offset: parsed.data.offset,
    });
    const rows = reg.lines.map(
      (l) =>
        html`<tr>
          <td><a href="/staff/remains/${l.remainsId}" dir="ltr">${l.code}</a></td>
          <td>${l.buriedAt.slice(0, 10)}</td>
          <td dir="ltr">${[l.section, l.row, l.plot].filter(Boolean).join(' / ')}</td>
          <td>${t(`staff.remainsStatus.${l.status}`)}</td>
          <td>${t(`staff.sex.${l.sex ?? 'unknown'}`)}</td>
          <td>${range(l.age)}</td>
        </tr>`,
    );
    con.render(req, res, {
      title: t('staff.burial.title'),
      body: html`${form}
      ${
        reg.lines.length === 0
          ? html`<p>${t('staff.list.none')}</p>`
          : html`<table>
              <caption>
                ${reg.cemetery}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t('staff.remains.code')}</th>
                  <th scope="col">${t('staff.burial.buriedAt')}</th>
                  <th scope="col">${t('staff.burial.plot')}</th>
                  <th scope="col">${t('staff.remains.status')}</th>
                  <th scope="col">${t('staff.attr.sex')}</th>
                  <th scope="col">${t('staff.attr.age')}</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
      }
      ${pager('/staff/burial-register', { cemetery: parsed.data.cemetery }, reg, t)}`,
    });
  });

  return r;
}
