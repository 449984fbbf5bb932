import { z } from 'zod';

/** Sizes of a file the API can serve. */
export const VARIANTS = ['thumb', 'medium', 'preview', 'original'] as const;

/** One servable size of a file. */
export type Variant = (typeof VARIANTS)[number];

/** Path parameter :ownerId (a report or remains id). */
export const ownerParams = z.object({ ownerId: z.uuid() });

/** Path parameter :id of a file. */
export const fileParams = z.object({ id: z.uuid() });

/** Query of GET /api/v1/files/:id/content. */
export const contentQuery = z.strictObject({
  /** thumb, medium, preview (blurred) or original; by default the best size the actor may see. */
  variant: z.enum(VARIANTS).optional(),
});
export type ContentQuery = z.infer<typeof contentQuery>;

/** Text fields of an upload (multipart), applied to every file of the request. */
export const uploadFields = z.strictObject({
  /** Short description, e.g. "jacket found with the remains". */
  caption: z.string().trim().min(1).max(500).optional(),
});
export type UploadFields = z.infer<typeof uploadFields>;

/** Body of PATCH /api/v1/files/:id. */
export const updateFileBody = z
  .strictObject({
    /** Forensic users only: a post-mortem photo that may be shown unblurred (clothing, an object). */
    suitableToShow: z.boolean().optional(),
    /** New caption, or null to remove it. */
    caption: z.string().trim().min(1).max(500).nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
export type UpdateFileInput = z.infer<typeof updateFileBody>;

/** A file record as the API shows it. */
export const mediaFileSchema = z
  .object({
    id: z.uuid(),
    ownerType: z.enum(['report', 'remains']),
    ownerId: z.uuid(),
    kind: z.enum(['photo', 'document']),
    mediaType: z.string(),
    sensitive: z.boolean(),
    suitableToShow: z.boolean(),
    /** Only for those who may see the clear image. */
    caption: z.string().nullable().optional(),
    originalName: z.string().optional(),
    sha256: z.string().optional(),
    byteSize: z.number(),
    width: z.number().nullable(),
    height: z.number().nullable(),
    /** The sizes this actor may download. */
    variants: z.array(z.enum(VARIANTS)),
    createdAt: z.string(),
  })
  .meta({ id: 'MediaFile' });
