// The administrator's transnational channel page (ADR 0156): partner nodes (base URL and the key
// thumbprint exchanged out of band), the exchange agreements of the administrator's jurisdiction
// (kinds, data categories, purposes, legal basis, end date; revoke) and the node key rotation.
// Every change goes through the federation service (its rules, validation and audit events).
import { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import {
  choices,
  errorSummary,
  field,
  html,
  need,
  parseForm,
  postForm,
  textarea,
  type FieldErrors,
  type SafeHtml,
  type Web,
} from '../../platform/web/index.js';
import {
  AGREEMENT_PURPOSES,
  createAgreementBody,
  createPeerBody,
  rotateBody,
} from '../federation/index.js';
import type { Console } from './staff.shell.js';
import { dataTable, submitForm, when } from './staff.helpers.js';
import type { StaffServices } from './staff.types.js';

type Row = Record<string, unknown>;
type Form = Record<string, string | string[]>;
const uuid = z.uuid();

/** A submitted value as a list (one checkbox arrives as a string, several as an array). */
function list(v: unknown): string[] {
  return (Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : []).filter(
    (x): x is string => typeof x === 'string',
  );
}

/** "TN, ly  MA" → ["TN", "LY", "MA"]. */
function codes(v: unknown): string[] {
  return typeof v === 'string'
    ? v
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map((c) => c.toUpperCase())
    : [];
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Peers, agreements and key rotation for administrators. */
export function staffFederationPages(web: Web, con: Console, s: StaffServices): Router {
  const r = Router();
  const admin = con.only('admin');

  async function page(
    req: Request,
    o: { errors?: FieldErrors; peer?: Form; agreement?: Form; notice?: string } = {},
  ) {
    const { t, user, csrf, lang } = need(req);
    const actor = user!.actor;
    const [node, peers, agreements, kinds] = [
      await s.federation.describe(),
      (await s.federation.listPeers(actor)).items,
      (await s.federation.listAgreements(actor)).items,
      (await s.federation.listMessageKinds(actor)).items,
    ];
    const categories = [...new Set(kinds.map((k) => k.dataCategory))].sort();
    const e = o.errors ?? {};
    const a = o.agreement ?? {};
    const p = o.peer ?? {};
    const agreementForm = postForm(
      '/staff/federation/agreements',
      csrf,
      html`${field({ name: 'ref', label: t('staff.fedAdmin.ref'), hint: t('staff.fedAdmin.refHint'), value: str(a.ref), error: e.ref, required: true })}
      ${field({ name: 'partnerJurisdiction', label: t('staff.fedAdmin.partner'), hint: t('staff.fedAdmin.codeHint'), value: str(a.partnerJurisdiction), error: e.partnerJurisdiction, maxlength: 2, required: true })}
      ${choices({ name: 'messageKinds', type: 'checkbox', legend: t('staff.fedAdmin.kinds'), value: list(a.messageKinds), error: e.messageKinds, options: kinds.map((k) => ({ value: k.kind, label: k.kind, hint: k.description })) })}
      ${choices({ name: 'dataCategories', type: 'checkbox', legend: t('staff.fedAdmin.categories'), value: list(a.dataCategories), error: e.dataCategories, options: categories.map((c) => ({ value: c, label: c })) })}
      ${choices({ name: 'purposes', type: 'checkbox', legend: t('staff.fedAdmin.purposes'), value: list(a.purposes), error: e.purposes, options: AGREEMENT_PURPOSES.map((x) => ({ value: x, label: t(`staff.fedAdmin.purpose.${x}`) })) })}
      ${textarea({ name: 'legalBasis', label: t('staff.fedAdmin.legalBasis'), rows: 2, value: str(a.legalBasis), error: e.legalBasis, required: true })}
      ${field({ name: 'endsOn', type: 'date', label: t('staff.fedAdmin.endsOn'), value: str(a.endsOn), error: e.endsOn, required: true })}`,
      { submit: t('staff.fedAdmin.addAgreement') },
    );
    const peerForm = postForm(
      '/staff/federation/peers',
      csrf,
      html`${field({ name: 'nodeId', label: t('staff.fedAdmin.nodeId'), value: str(p.nodeId), error: e.nodeId, required: true })}
      ${field({ name: 'name', label: t('staff.fedAdmin.name'), value: str(p.name), error: e.name, required: true })}
      ${field({ name: 'baseUrl', label: t('staff.fedAdmin.baseUrl'), value: str(p.baseUrl), error: e.baseUrl, required: true })}
      ${field({ name: 'jurisdictions', label: t('staff.fedAdmin.jurisdictions'), hint: t('staff.fedAdmin.codesHint'), value: str(p.jurisdictions), error: e.jurisdictions, required: true })}
      ${field({ name: 'pinnedThumbprint', label: t('staff.fedAdmin.thumbprint'), hint: t('staff.fedAdmin.thumbprintHint'), value: str(p.pinnedThumbprint), error: e.pinnedThumbprint, maxlength: 43, required: true })}`,
      { submit: t('staff.fedAdmin.addPeer') },
    );
    const body: SafeHtml = html`${
      o.notice ? html`<p class="notice" role="status">${o.notice}</p>` : ''
    }${errorSummary(o.errors, t)}
      <h2 id="h-agreements">${t('staff.fedAdmin.agreements')}</h2>
      ${dataTable(
        [
          t('staff.fedAdmin.ref'),
          t('staff.fedAdmin.partner'),
          t('staff.fedAdmin.purposes'),
          t('staff.fedAdmin.legalBasis'),
          t('staff.fedAdmin.endsOn'),
          t('staff.fedAdmin.state'),
        ],
        agreements.map(
          (g) =>
            html`<tr>
              <td dir="ltr">${g.ref}</td>
              <td>${g.partnerJurisdiction}</td>
              <td>${g.purposes.map((x) => t(`staff.fedAdmin.purpose.${x}`)).join(', ')}</td>
              <td>${g.legalBasis}</td>
              <td dir="ltr">${g.endsOn}</td>
              <td>
                ${
                  g.revokedAt
                    ? t('staff.fedAdmin.revokedOn', { date: when(g.revokedAt, lang) })
                    : postForm(`/staff/federation/agreements/${g.id}/revoke`, csrf, html``, {
                        submit: t('staff.fedAdmin.revoke'),
                        className: 'inline',
                      })
                }
              </td>
            </tr>`,
        ),
        t,
      )}
      <details${o.agreement ? html` open` : ''}>
        <summary>${t('staff.fedAdmin.newAgreement')}</summary>
        ${agreementForm}
      </details>
      <h2 id="h-peers">${t('staff.fedAdmin.peers')}</h2>
      ${dataTable(
        [
          t('staff.fedAdmin.name'),
          t('staff.fedAdmin.baseUrl'),
          t('staff.fedAdmin.jurisdictions'),
          t('staff.fedAdmin.thumbprint'),
        ],
        peers.map(
          (x) =>
            html`<tr>
              <td>${x.name}<br /><span class="meta" dir="ltr">${x.nodeId}</span></td>
              <td dir="ltr">${x.baseUrl}</td>
              <td>${x.jurisdictions.join(', ')}</td>
              <td dir="ltr" class="meta">${x.pinnedThumbprint}</td>
            </tr>`,
        ),
        t,
      )}
      <details${o.peer ? html` open` : ''}>
        <summary>${t('staff.fedAdmin.newPeer')}</summary>
        ${peerForm}
      </details>
      <h2 id="h-keys">${t('staff.fedAdmin.keys')}</h2>
      <p>${t('staff.fedAdmin.thisNode')} <bdi dir="ltr">${node.nodeId}</bdi></p>
      <p>
        ${t('staff.fedAdmin.currentThumbprint')}
        <code dir="ltr">${node.signingKeyThumbprint}</code>
      </p>
      ${postForm(
        '/staff/federation/keys/rotate',
        csrf,
        choices({
          name: 'use',
          legend: t('staff.fedAdmin.rotateWhich'),
          value: 'enc',
          error: e.use,
          options: [
            { value: 'sig', label: t('staff.fedAdmin.rotateSig') },
            { value: 'enc', label: t('staff.fedAdmin.rotateEnc') },
          ],
        }),
        { submit: t('staff.fedAdmin.rotate') },
      )}`;
    return { title: t('staff.fedAdmin.title'), body };
  }

  r.get('/staff/federation', admin, async (req, res) => {
    const rotated = req.query.rotated === 'sig' || req.query.rotated === 'enc';
    const notice = rotated ? need(req).t('staff.fedAdmin.rotated') : undefined;
    con.render(req, res, await page(req, { notice }));
  });

  r.post('/staff/federation/agreements', admin, ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const b = req.body as Form;
    const input = {
      ref: str(b.ref),
      partnerJurisdiction: str(b.partnerJurisdiction).toUpperCase(),
      messageKinds: list(b.messageKinds),
      dataCategories: list(b.dataCategories),
      purposes: list(b.purposes),
      legalBasis: str(b.legalBasis),
      endsOn: str(b.endsOn),
    };
    const again = async (errors: FieldErrors) =>
      con.render(req, res, { status: 400, ...(await page(req, { errors, agreement: b })) });
    if (
      await submitForm(
        createAgreementBody,
        input,
        t,
        (data) => s.federation.createAgreement(user!.actor, data),
        again,
      )
    ) {
      res.redirect(303, '/staff/federation#h-agreements');
    }
  });

  r.post('/staff/federation/agreements/:id/revoke', admin, ...web.form, async (req, res) => {
    const id = uuid.safeParse(req.params.id);
    if (!id.success) {
      throw new AppError('NOT_FOUND', 'agreement');
    }
    await s.federation.revokeAgreement(need(req).user!.actor, id.data);
    res.redirect(303, '/staff/federation#h-agreements');
  });

  r.post('/staff/federation/peers', admin, ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const b = req.body as Form;
    const input = {
      nodeId: str(b.nodeId),
      name: str(b.name),
      baseUrl: str(b.baseUrl),
      jurisdictions: codes(b.jurisdictions),
      pinnedThumbprint: str(b.pinnedThumbprint),
    };
    const again = async (errors: FieldErrors) =>
      con.render(req, res, { status: 400, ...(await page(req, { errors, peer: b })) });
    if (
      await submitForm(
        createPeerBody,
        input,
        t,
        (data) => s.federation.createPeer(user!.actor, data),
        again,
      )
    ) {
      res.redirect(303, '/staff/federation#h-peers');
    }
  });

  r.post('/staff/federation/keys/rotate', admin, ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const parsed = parseForm(rotateBody, { use: (req.body as Row).use }, t);
    if (!parsed.ok) {
      con.render(req, res, { status: 400, ...(await page(req, { errors: parsed.errors })) });
      return;
    }
    await s.federation.rotateKey(user!.actor, parsed.data.use);
    res.redirect(303, `/staff/federation?rotated=${parsed.data.use}#h-keys`);
  });

  return r;
}
