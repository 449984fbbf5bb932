// The staff console at /staff (ADR 0150): server-rendered pages on the shared web layer that call
// the features' services with the signed-in actor. The feature's only public surface.
import { Router } from 'express';
import type { Web } from '../../platform/web/index.js';
import type { AuthLimits } from '../auth/index.js';
import { createConsole } from './staff.shell.js';
import { staffComparePages } from './staff.compare.pages.js';
import { staffConsentPages } from './staff.consent.pages.js';
import { staffIntakePages } from './staff.intake.pages.js';
import { staffLabPages } from './staff.lab.pages.js';
import { staffPmPages } from './staff.pm.pages.js';
import { staffAccountabilityPages } from './staff.accountability.pages.js';
import { staffCrossBorderPages } from './staff.crossborder.pages.js';
import { staffDesignationPages } from './staff.designations.pages.js';
import { staffFederationPages } from './staff.federation.pages.js';
import { staffContactPages } from './staff.contact.pages.js';
import { staffHomePages } from './staff.home.pages.js';
import { staffOversightPages } from './staff.oversight.pages.js';
import { staffRemainsPages } from './staff.remains.pages.js';
import { staffReportsPages } from './staff.reports.pages.js';
import type { StaffServices } from './staff.types.js';

/** Folder of the console's strings (`pages.<lang>.json`). */
export const STAFF_PAGE_LOCALES = new URL('./locales/', import.meta.url);
/** Folder of the strings of the intake, PM registration, consent, lab and burial pages. */
export const STAFF_TASK_LOCALES = new URL('./locales/tasks/', import.meta.url);

/** Every console page as one router for `web.pages([...])`. */
export function staffPages(web: Web, services: StaffServices, limits: AuthLimits): Router {
  const con = createConsole(web);
  const r = Router();
  r.use(staffHomePages(web, con, services.auth, services, limits));
  // Before the remains pages: /staff/remains/new is not a remains id.
  r.use(staffPmPages(web, con, services));
  r.use(staffIntakePages(web, con, services));
  r.use(staffConsentPages(web, con, services));
  r.use(staffLabPages(web, con, services));
  r.use(staffRemainsPages(web, con, services));
  r.use(staffComparePages(web, con, services));
  r.use(staffReportsPages(web, con, services));
  r.use(staffContactPages(web, con, services));
  r.use(staffOversightPages(web, con, services));
  r.use(staffCrossBorderPages(web, con, services));
  r.use(staffFederationPages(web, con, services));
  r.use(staffDesignationPages(web, con, services));
  r.use(staffAccountabilityPages(web, con, services));
  return r;
}

export { compare, COMPARED, type ComparisonRow } from './staff.compare.js';
export { STAFF_ROLES } from './staff.shell.js';
export type { StaffServices } from './staff.types.js';
