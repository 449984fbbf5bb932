// The administrator's contact-point designations (ADR 0156): which organisations of the country
// answer families, for which countries of residence, nationalities and languages, through which
// public channel, staffed by whom; a designation can be withdrawn and reinstated. Everything goes
// through the contact-points service (its rules, validation and audit events).
import { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import {
  choices,
  errorSummary,
  field,
  html,
  need,
  postForm,
  select,
  type FieldErrors,
  type Web,
} from '../../platform/web/index.js';
import { CHANNEL_KINDS, createContactPointBody } from '../contact-points/index.js';
import { listOrganisationsQuery, type Organisation } from '../organisations/index.js';
import { listUsersQuery } from '../users/index.js';
import type { Console } from './staff.shell.js';
import { dataTable, submitForm } from './staff.helpers.js';
import type { StaffServices } from './staff.types.js';

type Form = Record<string, string | string[]>;
const uuid = z.uuid();
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const words = (v: unknown) =>
  str(v)
    .split(/[\s,;]+/)
    .filter(Boolean);
const list = (v: unknown) =>
  (Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : []).filter(
    (x): x is string => typeof x === 'string',
  );

/** The designations page, the new designation form and withdrawal. */
export function staffDesignationPages(web: Web, con: Console, s: StaffServices): Router {
  const r = Router();
  const admin = con.only('admin');

  async function page(req: Request, o: { errors?: FieldErrors; form?: Form } = {}) {
    const { t, user, csrf } = need(req);
    const actor = user!.actor;
    const cps = await s.contactPoints.list(actor, { limit: 100, offset: 0 });
    const orgs = await s.organisations.list(actor, listOrganisationsQuery.parse({ limit: 100 }));
    const staff = await s.users.list(
      actor,
      listUsersQuery.parse({ role: 'contact_point', limit: 100 }),
    );
    const orgName = new Map(orgs.items.map((x: Organisation) => [x.id, x.name]));
    const e = o.errors ?? {};
    const f = o.form ?? {};
    return {
      title: t('staff.designations.title'),
      body: html`${errorSummary(o.errors, t)}
        ${dataTable(
          [
            t('staff.designations.name'),
            t('staff.users.organisation'),
            t('staff.designations.serves'),
            t('staff.designations.languages'),
            t('staff.designations.staff'),
            t('staff.users.state'),
          ],
          cps.items.map(
            (c) =>
              html`<tr>
                <td>${c.name}</td>
                <td>${orgName.get(c.organisationId) ?? c.organisationName}</td>
                <td>
                  ${t('staff.designations.residence')}:
                  ${c.countries.join(', ') || t('staff.list.any')}<br />
                  ${t('staff.designations.nationality')}:
                  ${c.nationalities.join(', ') || t('staff.list.any')}
                </td>
                <td>${c.languages.join(', ')}</td>
                <td>${c.staff.map((m) => m.displayName).join(', ') || '—'}</td>
                <td>
                  ${c.active ? t('staff.users.active') : t('staff.designations.withdrawn')}
                  ${postForm(
                    `/staff/contact-points/${c.id}/${c.active ? 'withdraw' : 'reinstate'}`,
                    csrf,
                    html``,
                    {
                      submit: t(
                        c.active ? 'staff.designations.withdraw' : 'staff.designations.reinstate',
                      ),
                      className: 'inline',
                    },
                  )}
                </td>
              </tr>`,
          ),
          t,
        )}
        <h2 id="h-new">${t('staff.designations.new')}</h2>
        ${postForm(
          '/staff/contact-points',
          csrf,
          html`${select({ name: 'organisationId', label: t('staff.users.organisation'), value: str(f.organisationId), error: e.organisationId, options: [{ value: '', label: '—' }, ...orgs.items.map((x: Organisation) => ({ value: x.id, label: x.name }))] })}
          ${field({ name: 'name', label: t('staff.designations.name'), hint: t('staff.designations.nameHint'), value: str(f.name), error: e.name, required: true })}
          ${field({ name: 'countries', label: t('staff.designations.residence'), hint: t('staff.designations.codesHint'), value: str(f.countries), error: e.countries })}
          ${field({ name: 'nationalities', label: t('staff.designations.nationality'), hint: t('staff.designations.codesHint'), value: str(f.nationalities), error: e.nationalities })}
          ${field({ name: 'languages', label: t('staff.designations.languages'), hint: t('staff.designations.languagesHint'), value: str(f.languages), error: e.languages, required: true })}
          ${select({ name: 'channelKind', label: t('staff.designations.channelKind'), value: str(f.channelKind), error: e['channels.0.kind'], options: CHANNEL_KINDS.map((k) => ({ value: k, label: t(`staff.designations.channel.${k}`) })) })}
          ${field({ name: 'channelValue', label: t('staff.designations.channelValue'), value: str(f.channelValue), error: e['channels.0.value'] ?? e.channels, required: true })}
          ${field({ name: 'hours', label: t('staff.designations.hours'), value: str(f.hours), error: e.hours })}
          ${choices({ name: 'staffIds', type: 'checkbox', legend: t('staff.designations.staff'), value: list(f.staffIds), error: e.staffIds, options: staff.items.map((u) => ({ value: u.id, label: u.displayName })) })}`,
          { submit: t('staff.designations.create') },
        )}`,
    };
  }

  r.get('/staff/contact-points', admin, async (req, res) => {
    con.render(req, res, await page(req));
  });

  r.post('/staff/contact-points', admin, ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const b = req.body as Form;
    const input = {
      organisationId: str(b.organisationId),
      name: str(b.name),
      countries: words(b.countries).map((c) => c.toUpperCase()),
      nationalities: words(b.nationalities).map((c) => c.toUpperCase()),
      languages: words(b.languages).map((c) => c.toLowerCase()),
      channels: [{ kind: str(b.channelKind), value: str(b.channelValue) }],
      hours: str(b.hours),
      staffIds: list(b.staffIds),
    };
    const again = async (errors: FieldErrors) =>
      con.render(req, res, { status: 400, ...(await page(req, { errors, form: b })) });
    if (
      await submitForm(
        createContactPointBody,
        input,
        t,
        (data) => s.contactPoints.create(user!.actor, data),
        again,
      )
    ) {
      res.redirect(303, '/staff/contact-points');
    }
  });

  for (const [action, active] of [
    ['withdraw', false],
    ['reinstate', true],
  ] as const) {
    r.post(`/staff/contact-points/:id/${action}`, admin, ...web.form, async (req, res) => {
      const id = uuid.safeParse(req.params.id);
      if (!id.success) {
        throw new AppError('NOT_FOUND', 'contact point');
      }
      await s.contactPoints.update(need(req).user!.actor, id.data, { active });
      res.redirect(303, '/staff/contact-points');
    });
  }

  return r;
}
