import { z } from 'zod';
import { pagination } from '../../platform/http/index.js';
import { country, language } from '../../platform/vocabulary/index.js';

/** Kinds of public channel through which a family reaches a contact point. */
export const CHANNEL_KINDS = ['phone', 'email', 'address', 'website', 'whatsapp', 'other'] as const;

/** One public contact channel. */
export const channel = z.strictObject({
  kind: z.enum(CHANNEL_KINDS),
  /** The number, address or URL, as a family should use it. */
  value: z.string().trim().min(1).max(300),
});

const codes = <T extends z.ZodType>(item: T) => z.array(item).max(60).default([]);

/** Body of POST /api/v1/contact-points. */
export const createContactPointBody = z.strictObject({
  /** The designated organisation (of the administrator's country). */
  organisationId: z.uuid(),
  /** Public name, e.g. "Consulate of Eritrea — family tracing desk". */
  name: z.string().trim().min(1).max(200),
  /** Countries of residence of the families it serves; empty = any. */
  countries: codes(country),
  /** Nationalities of the missing persons it serves; empty = any. */
  nationalities: codes(country),
  /** Languages its staff speak (ISO 639). */
  languages: z.array(language).min(1).max(20),
  /** Public channels (phone, e-mail, address, website). */
  channels: z.array(channel).min(1).max(10),
  /** Opening hours, as free text. */
  hours: z.string().trim().max(500).default(''),
  /** Users who staff it: contact_point users of the organisation. */
  staffIds: z.array(z.uuid()).max(50).default([]),
});
export type CreateContactPointInput = z.infer<typeof createContactPointBody>;

/** Body of PATCH /api/v1/contact-points/:id. */
export const updateContactPointBody = z
  .strictObject({
    name: createContactPointBody.shape.name,
    countries: z.array(country).max(60),
    nationalities: z.array(country).max(60),
    languages: createContactPointBody.shape.languages,
    channels: createContactPointBody.shape.channels,
    hours: z.string().trim().max(500),
    staffIds: z.array(z.uuid()).max(50),
    /** False withdraws the designation (no new reports are routed to it). */
    active: z.boolean(),
  })
  .partial();
export type UpdateContactPointInput = z.infer<typeof updateContactPointBody>;

/** Path parameter :id. */
export const idParams = z.object({ id: z.uuid() });

/** Query of GET /api/v1/contact-points (professionals). */
export const listContactPointsQuery = pagination.extend({
  active: z.enum(['true', 'false']).optional(),
});
export type ListContactPointsQuery = z.infer<typeof listContactPointsQuery>;

/** Query of GET /api/v1/contact-points/public (anyone). */
export const publicListQuery = pagination.extend({
  /** The designating country. */
  country: country.optional(),
  /** Only contact points serving this nationality (or any). */
  nationality: country.optional(),
  /** Only contact points speaking this language. */
  language: language.optional(),
});
export type PublicListQuery = z.infer<typeof publicListQuery>;

/** Query of GET /api/v1/contact-points/route: which contact point a report would go to. */
export const routeQuery = z.object({
  nationality: country.optional(),
  residence: country.optional(),
  language: language.optional(),
});
export type RouteQuery = z.infer<typeof routeQuery>;

/** Body of PUT /api/v1/reports/:id/assignment. */
export const reassignBody = z.strictObject({
  contactPointId: z.uuid(),
  /** Why the report changes hands (kept in the assignment history). */
  reason: z.string().trim().min(1).max(1000),
});
export type ReassignInput = z.infer<typeof reassignBody>;

/** A contact point as the public sees it: no staff. */
export const publicContactPointSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    country: z.string(),
    organisationName: z.string(),
    countries: z.array(z.string()),
    nationalities: z.array(z.string()),
    languages: z.array(z.string()),
    channels: z.array(channel),
    hours: z.string(),
  })
  .meta({ id: 'PublicContactPoint' });

/** A contact point as its administrator and staff see it. */
export const contactPointSchema = publicContactPointSchema
  .extend({
    organisationId: z.uuid(),
    active: z.boolean(),
    staff: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
    createdAt: z.string(),
  })
  .meta({ id: 'ContactPoint' });

/** Where a report with given facts would be routed (GET /api/v1/contact-points/route). */
export const routePreviewSchema = z
  .object({
    contactPoint: publicContactPointSchema.nullable(),
    score: z.number(),
    reasons: z.array(z.string()),
  })
  .meta({ id: 'ContactPointRoutePreview' });

/** The contact point a report is routed to; professionals also read the assignment history. */
export const assignmentSchema = z
  .object({
    reportId: z.uuid(),
    caseNumber: z.string(),
    contactPoint: publicContactPointSchema.nullable(),
    history: z
      .array(
        z.object({
          fromContactPointId: z.uuid().nullable(),
          toContactPointId: z.uuid().nullable(),
          reason: z.string(),
          at: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'ReportAssignment' });

/** A report handed to another contact point (PUT /api/v1/reports/:id/assignment). */
export const reassignedSchema = z
  .object({
    reportId: z.uuid(),
    caseNumber: z.string(),
    contactPoint: publicContactPointSchema,
  })
  .meta({ id: 'ReportReassigned' });
