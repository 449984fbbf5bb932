import { z } from 'zod';
import { countryCode } from '../../config/index.js';
import { pagination } from '../../platform/http/index.js';

import { ORGANISATION_KINDS } from './organisations.kinds.js';

export { ORGANISATION_KINDS };

/** Body of POST /api/v1/organisations. */
export const createOrganisationBody = z.strictObject({
  /** Official name, unique within its country. */
  name: z.string().trim().min(1).max(200),
  /** authority, forensic_institute, consulate or tracing_service (Red Cross/Red Crescent, NGO). */
  kind: z.enum(ORGANISATION_KINDS),
  /** Country the organisation works in (ISO 3166-1 alpha-2). */
  country: countryCode,
});
export type CreateOrganisationInput = z.infer<typeof createOrganisationBody>;

/** Body of PATCH /api/v1/organisations/:id. */
export const updateOrganisationBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    kind: z.enum(ORGANISATION_KINDS),
  })
  .partial();
export type UpdateOrganisationInput = z.infer<typeof updateOrganisationBody>;

/** Path parameter :id. */
export const idParams = z.object({ id: z.uuid() });

/** Query of GET /api/v1/organisations. */
export const listOrganisationsQuery = pagination.extend({
  kind: z.enum(ORGANISATION_KINDS).optional(),
});
export type ListOrganisationsQuery = z.infer<typeof listOrganisationsQuery>;

/** An organisation as the API shows it. */
export const organisationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(ORGANISATION_KINDS),
    country: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Organisation' });
