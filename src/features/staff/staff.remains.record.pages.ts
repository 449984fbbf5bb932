// The remains page's routes: the page itself, and its custody event and identification status
// forms, each shown again with the field named when the input or the transition is refused.
import { Router } from 'express';
import { z } from 'zod';
import type { Actor } from '../../platform/authz/index.js';
import { AppError } from '../../platform/errors.js';
import { need, type FieldErrors, type Web } from '../../platform/web/index.js';
import { appendCustodyBody } from '../custody/index.js';
import { changeStatusBody } from '../remains/index.js';
import type { Console } from './staff.shell.js';
import { fieldErrorsOf } from './staff.helpers.js';
import { remainsPage } from './staff.remains.record.js';
import type { StaffServices } from './staff.types.js';

const idParam = z.object({ id: z.uuid() });

/** The custody form's flat fields → the custody service's input (only the parts given). */
function custodyInput(b: Record<string, string | undefined>, actor: Actor) {
  const v = (k: string) => (b[k] ?? '').trim() || undefined;
  const occurred = v('occurredAt');
  return {
    kind: v('kind'),
    occurredAt:
      occurred && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(occurred) ? `${occurred}:00Z` : occurred,
    performedBy: v('performedBy'),
    custodian: v('custodianName')
      ? { name: v('custodianName'), country: v('custodianCountry') ?? actor.country }
      : undefined,
    location: v('locationName') ? { name: v('locationName') } : undefined,
    burial:
      v('cemetery') || v('plot') || v('graveMarker')
        ? { cemetery: v('cemetery'), plot: v('plot'), graveMarker: v('graveMarker') }
        : undefined,
    sample:
      v('sampleLaboratory') || v('sampleReference')
        ? {
            laboratory: v('sampleLaboratory'),
            sampleReference: v('sampleReference'),
            sampleType: v('sampleType') ?? 'other',
          }
        : undefined,
    documents: [],
    notes: v('notes'),
  };
}

/** Form field names of the custody service's input paths. */
const CUSTODY_FIELD: Record<string, string> = {
  custodian: 'custodianName',
  'custodian.name': 'custodianName',
  'custodian.country': 'custodianCountry',
  location: 'locationName',
  'location.name': 'locationName',
  burial: 'cemetery',
  'burial.cemetery': 'cemetery',
  'burial.plot': 'plot',
  'burial.graveMarker': 'graveMarker',
  sample: 'sampleLaboratory',
  'sample.laboratory': 'sampleLaboratory',
  'sample.sampleReference': 'sampleReference',
};

/** The remains page and its custody and status forms. */
export function staffRemainsRecordPages(web: Web, con: Console, s: StaffServices): Router {
  const r = Router();
  const forensic = con.only('forensic');

  r.get('/staff/remains/:id', forensic, async (req, res) => {
    const p = idParam.safeParse(req.params);
    if (!p.success) {
      throw new AppError('NOT_FOUND', 'remains');
    }
    con.render(req, res, await remainsPage(s, req, p.data.id));
  });

  r.post('/staff/remains/:id/custody', forensic, ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const p = idParam.safeParse(req.params);
    if (!p.success) {
      throw new AppError('NOT_FOUND', 'remains');
    }
    const body = req.body as Record<string, string | undefined>;
    const parsed = appendCustodyBody.safeParse(custodyInput(body, user!.actor));
    const again = async (status: number, o: { errors?: FieldErrors; notice?: string }) =>
      con.render(req, res, {
        status,
        ...(await remainsPage(s, req, p.data.id, { ...o, values: body })),
      });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String).join('.');
        const name = CUSTODY_FIELD[path] ?? path;
        errors[name] ??= `${t('form.error.invalid')} (${issue.message})`;
      }
      await again(400, { errors });
      return;
    }
    try {
      await s.custody.append(user!.actor, p.data.id, parsed.data);
    } catch (err) {
      const fields = fieldErrorsOf(err, t);
      if (fields) {
        const errors: FieldErrors = {};
        for (const [k, m] of Object.entries(fields)) {
          errors[CUSTODY_FIELD[k] ?? k] = m;
        }
        await again(400, { errors });
        return;
      }
      if (err instanceof AppError && err.code === 'INVALID_TRANSITION') {
        await again(409, { notice: t('staff.custody.refused') });
        return;
      }
      throw err;
    }
    res.redirect(303, `/staff/remains/${p.data.id}#h-custody`);
  });

  r.post('/staff/remains/:id/status', forensic, ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const p = idParam.safeParse(req.params);
    if (!p.success) {
      throw new AppError('NOT_FOUND', 'remains');
    }
    const body = req.body as Record<string, string | undefined>;
    const parsed = changeStatusBody.safeParse({ status: body.status, basis: body.basis });
    const again = async (status: number, o: { errors?: FieldErrors; notice?: string }) =>
      con.render(req, res, {
        status,
        ...(await remainsPage(s, req, p.data.id, { ...o, values: body })),
      });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        errors[issue.path.map(String).join('.')] ??= t('form.error.required');
      }
      await again(400, { errors });
      return;
    }
    try {
      const out = (await s.remains.changeStatus(user!.actor, p.data.id, parsed.data)) as {
        identificationPending?: unknown;
      };
      if (out.identificationPending) {
        await again(200, { notice: t('staff.identify.proposed') });
        return;
      }
    } catch (err) {
      if (
        err instanceof AppError &&
        ['INVALID_TRANSITION', 'SECOND_REVIEWER_REQUIRED'].includes(err.code)
      ) {
        await again(409, {
          notice: t(
            err.code === 'SECOND_REVIEWER_REQUIRED'
              ? 'staff.identify.second'
              : 'staff.identify.refused',
          ),
        });
        return;
      }
      throw err;
    }
    res.redirect(303, `/staff/remains/${p.data.id}`);
  });

  return r;
}
