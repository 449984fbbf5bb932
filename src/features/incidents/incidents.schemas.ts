import { z } from 'zod';
import { pagination } from '../../platform/http/index.js';
import { coordinates, country, fuzzyDate } from '../../platform/vocabulary/index.js';

/** Kinds of incident, as the IOM Missing Migrants Project groups them. */
export const INCIDENT_KINDS = ['shipwreck', 'desert', 'road', 'border_crossing', 'other'] as const;

const count = z.number().int().min(0).max(100_000);

/** Every field of an incident (create adds defaults, update makes all optional). */
const incidentFields = {
  /** shipwreck, desert, road, border_crossing or other. */
  kind: z.enum(INCIDENT_KINDS),
  /** Short title, e.g. "Shipwreck off Lampedusa". */
  title: z.string().trim().min(1).max(300),
  /** When it happened, with precision (ISO 8601). */
  date: fuzzyDate,
  /** Where it happened, in words. */
  place: z.string().trim().min(1).max(500),
  /** Country it happened in; omitted at sea outside territorial waters. */
  occurredInCountry: country.optional(),
  /** Position (WGS 84). */
  coordinates: coordinates.optional(),
  /** Migration route, e.g. "Central Mediterranean". */
  route: z.string().trim().max(200).optional(),
  /** Dead recovered. */
  dead: count,
  /** Missing, presumed dead. */
  missing: count,
  /** Survivors. */
  survivors: count,
  /** Source of the figures (coast guard, IOM, press…). */
  source: z.string().trim().min(1).max(500),
  /** Free description (no personal data). */
  description: z.string().trim().max(5000).optional(),
};

/** Body of POST /api/v1/incidents. */
export const createIncidentBody = z.strictObject({
  ...incidentFields,
  dead: count.default(0),
  missing: count.default(0),
  survivors: count.default(0),
});
export type CreateIncidentInput = z.infer<typeof createIncidentBody>;

/** Body of PATCH /api/v1/incidents/:id. */
export const updateIncidentBody = z.strictObject(incidentFields).partial();
export type UpdateIncidentInput = z.infer<typeof updateIncidentBody>;

/** Path parameter :id. */
export const incidentIdParams = z.object({ id: z.uuid() });

/** Query of GET /api/v1/incidents. */
export const listIncidentsQuery = pagination.extend({
  kind: z.enum(INCIDENT_KINDS).optional(),
  /** Incidents that may have happened on or after this day. */
  from: z.iso.date().optional(),
  /** Incidents that may have happened on or before this day. */
  to: z.iso.date().optional(),
});
export type ListIncidentsQuery = z.infer<typeof listIncidentsQuery>;

/** An incident as the API shows it. */
export const incidentSchema = z
  .object({
    id: z.uuid(),
    country: z.string(),
    organisationId: z.uuid().nullable(),
    kind: z.enum(INCIDENT_KINDS),
    title: z.string(),
    date: z.object({
      text: z.string(),
      precision: z.string(),
      earliest: z.string(),
      latest: z.string(),
    }),
    place: z.string(),
    occurredInCountry: z.string().nullable(),
    coordinates: coordinates.nullable(),
    route: z.string().nullable(),
    dead: z.number(),
    missing: z.number(),
    survivors: z.number(),
    source: z.string(),
    description: z.string().nullable(),
    remainsCount: z.number().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Incident' });
