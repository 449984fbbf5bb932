// The report page's routes: the page itself and its routing form (caseworkers), shown again with
// the field named when the contact points service refuses the input.
import { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { need, type Web } from '../../platform/web/index.js';
import { reassignBody } from '../contact-points/index.js';
import type { Console } from './staff.shell.js';
import { postFromPage } from './staff.helpers.js';
import { reportPage } from './staff.reports.record.js';
import type { StaffServices } from './staff.types.js';

const idParam = z.object({ id: z.uuid() });

/** The report page and its routing form. */
export function staffReportRecordPages(web: Web, con: Console, s: StaffServices): Router {
  const r = Router();
  const readers = con.only('caseworker', 'forensic', 'contact_point');

  function idOf(req: Request): string {
    const p = idParam.safeParse(req.params);
    if (!p.success) {
      throw new AppError('NOT_FOUND', 'report');
    }
    return p.data.id;
  }

  r.get('/staff/reports/:id', readers, async (req, res) => {
    con.render(req, res, await reportPage(s, req, idOf(req)));
  });

  r.post('/staff/reports/:id/route', con.only('caseworker'), ...web.form, async (req, res) => {
    const { t, user } = need(req);
    const id = idOf(req);
    await postFromPage(
      con,
      req,
      res,
      { schema: reassignBody, keys: ['contactPointId', 'reason'], t },
      async (data) => {
        await s.contactPoints.reassign(user!.actor, id, data);
        return `/staff/reports/${id}#h-routing`;
      },
      (form) => reportPage(s, req, id, form),
    );
  });

  return r;
}
