// The family's page for one search: news, contact point, messages, photos, relatives, consent, documents.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { ParsedUpload } from '../media/index.js';
import type { ContactPointsService } from '../contact-points/index.js';
import type { DocumentsService } from '../documents/index.js';
import type { FamilyChannelService } from '../notifications/index.js';
import type { MediaService } from '../media/index.js';
import {
  choices,
  field,
  html,
  need,
  parseForm,
  postForm,
  textarea,
  type SafeHtml,
  type Web,
} from '../../platform/web/index.js';
import { AppError } from '../../platform/errors.js';
import { DETAIL_SECTIONS } from './reports.details.pages.js';
import { CONSENT_PURPOSES } from './reports.schemas.js';
import type { ReportsService } from './reports.service.js';

/** The services the case page shows data from (each checks the family's access itself). */
export interface CasePageDeps {
  reports: ReportsService;
  family: FamilyChannelService;
  contactPoints: ContactPointsService;
  documents: DocumentsService;
  media: MediaService;
  parseUpload: (req: Request, res: Response) => Promise<ParsedUpload>;
}

const messageForm = z.object({ body: z.string().trim().min(1).max(5000) });
const inviteForm = z.object({
  email: z.email().max(254),
  relationship: z.string().trim().min(1).max(50),
});
const consentForm = z.object(
  Object.fromEntries(CONSENT_PURPOSES.map((p) => [p, z.enum(['granted', 'withdrawn'])])) as Record<
    (typeof CONSENT_PURPOSES)[number],
    z.ZodEnum<{ granted: 'granted'; withdrawn: 'withdrawn' }>
  >,
);
const uuid = z.uuid();

function date(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'ar' ? 'ar-u-nu-latn' : lang, {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(new Date(iso));
}

/**
 * The timeline as the family sees it: plain-language steps, dates and the messages to them (the
 * case page, and the staff console's "as the family sees it" view).
 */
export function familyTimeline(
  items: readonly { label: string; at: string; messageToFamily: string | null }[],
  lang: string,
): SafeHtml {
  return html`<ol class="timeline">
    ${items.map(
      (e) =>
        html`<li>
          <strong>${e.label}</strong><br /><span class="meta">${date(e.at, lang)}</span
          >${e.messageToFamily ? html`<p>${e.messageToFamily}</p>` : ''}
        </li>`,
    )}
  </ol>`;
}

/** The case page and its forms (/cases/:id/...). */
export function reportCasePages(web: Web, deps: CasePageDeps): Router {
  const r = Router();
  const { reports, family, contactPoints, documents, media } = deps;

  function caseId(req: Request): string {
    const id = uuid.safeParse(req.params.id);
    if (!id.success) {
      throw new AppError('NOT_FOUND', 'Report not found');
    }
    return id.data;
  }

  async function casePage(req: Request, res: Response, notice?: SafeHtml) {
    const { t, lang, csrf, user } = need(req);
    const actor = user!.actor;
    const id = caseId(req);
    const report = (await reports.get(actor, id)) as Record<string, unknown> & {
      caseNumber: string;
      statusLabel: string;
      consent: Record<string, string>;
      person: { names: { value: string }[] };
      ownerId: string | null;
    };
    const [timeline, assignment, thread, files] = await Promise.all([
      reports.timeline(actor, id),
      contactPoints.getAssignment(actor, id),
      family.messages(actor, id, { limit: 100, offset: 0 }),
      media.list(actor, 'report', id),
    ]);
    const owner = report.ownerId === actor.id;
    const followers = owner ? (await family.followers(actor, id)).items : [];
    const cp = assignment.contactPoint;
    const filed = req.query.filed === '1';
    const saved = typeof req.query.saved === 'string';
    web.render(req, res, {
      title: t('case.number', { number: report.caseNumber }),
      body: html`${
          filed
            ? html`<div class="notice" role="status">
                <p>${t('case.filed')}</p>
                <p class="case-number" dir="ltr">${report.caseNumber}</p>
              </div>`
            : ''
        }
        ${notice ? html`<div class="notice" role="status">${notice}</div>` : ''}
        ${saved ? html`<div class="notice" role="status">${t('case.sectionSaved')}</div>` : ''}
        <p>${report.person.names.map((n) => n.value).join(' ')}</p>
        <p><strong>${report.statusLabel}</strong></p>
        <h2>${t('case.contactPoint')}</h2>
        ${
          cp
            ? html`<dl>
                <dt>${t('case.cpName')}</dt>
                <dd>${cp.name}</dd>
                <dt>${t('case.cpHours')}</dt>
                <dd>${cp.hours || '—'}</dd>
                <dt>${t('case.cpLanguages')}</dt>
                <dd>${cp.languages.map((l) => web.languageName(l)).join(', ')}</dd>
              </dl>`
            : html`<p>${t('case.cpNone')}</p>`
        }
        <h2>${t('case.timeline')}</h2>
        ${familyTimeline(timeline.items, lang)}
        <h2 id="messages">${t('case.messages')}</h2>
        ${thread.items.length === 0 ? html`<p>${t('case.noMessages')}</p>` : ''}
        ${thread.items.map(
          (m) =>
            html`<div class="msg${m.mine ? ' mine' : ''}">
              <p class="meta">
                ${m.authorSide === 'family' ? t('case.fromFamily') : (cp?.name ?? t('case.contactPoint'))}
                · ${date(m.createdAt, lang)}
              </p>
              <p>${m.body}</p>
            </div>`,
        )}
        ${postForm(`/cases/${id}/messages`, csrf, textarea({ name: 'body', label: t('case.write'), rows: 3, required: true }), { submit: t('case.send') })}
        <h2 id="photos">${t('case.photos')}</h2>
        <p>${t('case.photosIntro')}</p>
        ${
          files.length > 0
            ? html`<ul>
                ${files.map((f) => html`<li>${f.originalName}</li>`)}
              </ul>`
            : ''
        }
        ${
          owner
            ? postForm(
                `/cases/${id}/photos`,
                csrf,
                html`<div class="field">
                  <label for="f-files">${t('case.photoFile')}</label
                  ><input
                    id="f-files"
                    type="file"
                    name="files"
                    accept="image/jpeg,image/png,image/webp"
                  />
                </div>`,
                { submit: t('case.upload'), multipart: true },
              )
            : ''
        }
        ${
          owner
            ? html`<h2 id="details">${t('case.editSections')}</h2>
                <ul>
                  ${DETAIL_SECTIONS.map((s) => html`<li><a href="/cases/${id}/details/${s}">${t(`report.${s}.title`)}</a></li>`)}
                </ul>
                <h3>${t('case.addDetails')}</h3>
                ${postForm(`/cases/${id}/details`, csrf, textarea({ name: 'details', label: t('case.detailsLabel'), hint: t('case.detailsHint'), rows: 3, required: true }), { submit: t('case.save') })}
                <h2 id="relatives">${t('case.relatives')}</h2>
                <p>${t('case.relativesIntro')}</p>
                ${
                  followers.length > 0
                    ? html`<ul>
                        ${followers.map((f) => html`<li>${f.email} — ${t(`case.follower_${f.status}`)}</li>`)}
                      </ul>`
                    : ''
                }
                ${postForm(`/cases/${id}/invite`, csrf, html`${field({ name: 'email', label: t('account.email'), type: 'email', required: true })}${field({ name: 'relationship', label: t('case.relationship'), required: true })}`, { submit: t('case.invite') })}
                <h2 id="consent">${t('case.consent')}</h2>
                <p>${t('case.consentIntro')}</p>
                ${postForm(
                  `/cases/${id}/consent`,
                  csrf,
                  html`${CONSENT_PURPOSES.map((p) =>
                    choices({
                      name: p,
                      legend: t(`report.consent.${p}.question`),
                      hint: t(`case.consequence.${p}`),
                      value: report.consent[p] === 'granted' ? 'granted' : 'withdrawn',
                      options: [
                        { value: 'granted', label: t('report.consent.yes') },
                        { value: 'withdrawn', label: t('report.consent.no') },
                      ],
                    }),
                  )}`,
                  { submit: t('case.saveConsent') },
                )}`
            : ''
        }
        <h2 id="documents">${t('case.documents')}</h2>
        <ul>
          <li><a href="/cases/${id}/summary.pdf">${t('case.summaryPdf')}</a></li>
          ${owner ? html`<li><a href="/cases/${id}/export.json">${t('case.export')}</a></li>` : ''}
          ${owner ? html`<li><a href="/cases/${id}/erasure">${t('erasure.link')}</a></li>` : ''}
        </ul>`,
    });
  }

  r.get('/cases/:id', web.requireUser, (req, res) => casePage(req, res));

  r.post('/cases/:id/messages', web.requireUser, ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const parsed = parseForm(messageForm, req.body, t);
    if (parsed.ok) {
      await family.post(user!.actor, caseId(req), parsed.data);
    }
    res.redirect(303, `/cases/${caseId(req)}#messages`);
  });

  r.post('/cases/:id/invite', web.requireUser, ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const parsed = parseForm(inviteForm, req.body, t);
    if (!parsed.ok) {
      await casePage(req, res, html`${t('case.inviteInvalid')}`);
      return;
    }
    await family.invite(user!.actor, caseId(req), parsed.data);
    await casePage(req, res, html`${t('case.invited')}`);
  });

  r.post('/cases/:id/consent', web.requireUser, ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const parsed = parseForm(consentForm, req.body, t);
    if (!parsed.ok) {
      await casePage(req, res, html`${t('form.error.invalid')}`);
      return;
    }
    const id = caseId(req);
    const report = (await reports.get(user!.actor, id)) as { consent: Record<string, string> };
    await reports.update(user!.actor, id, {
      consent: { ...report.consent, ...parsed.data } as never,
    });
    await casePage(req, res, html`${t('case.consentSaved')}`);
  });

  r.post('/cases/:id/details', web.requireUser, ...web.form, async (req, res) => {
    const { t, user, lang } = need(req);
    const parsed = parseForm(
      z.object({ details: z.string().trim().min(1).max(2000) }),
      req.body,
      t,
    );
    const id = caseId(req);
    if (parsed.ok) {
      await family.post(user!.actor, id, {
        body: `${t('case.detailsPrefix')} (${date(new Date().toISOString(), lang)}): ${parsed.data.details}`,
      });
    }
    await casePage(req, res, html`${t(parsed.ok ? 'case.detailsSaved' : 'form.error.required')}`);
  });

  r.post('/cases/:id/photos', web.requireUser, async (req, res) => {
    const { t, user } = need(req);
    const id = caseId(req);
    await media.upload(user!.actor, 'report', id, async () => {
      const upload = await deps.parseUpload(req, res);
      web.checkCsrf(req);
      return upload;
    });
    await casePage(req, res, html`${t('case.uploaded')}`);
  });

  r.get('/cases/:id/summary.pdf', web.requireUser, async (req, res) => {
    const { user, lang } = need(req);
    const doc = await documents.caseSummary(user!.actor, caseId(req), lang as never);
    res
      .set('Content-Disposition', `attachment; filename="${doc.filename}"`)
      .type('application/pdf')
      .send(doc.pdf);
  });

  r.get('/cases/:id/export.json', web.requireUser, async (req, res) => {
    const { user } = need(req);
    const data = await reports.exportData(user!.actor, caseId(req));
    res
      .set('Content-Disposition', 'attachment; filename="ariadne-export.json"')
      .type('application/json')
      .send(JSON.stringify(data, null, 2));
  });

  return r;
}
