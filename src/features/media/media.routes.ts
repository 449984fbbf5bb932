import { z } from 'zod';
import { defineRoute } from '../../platform/http/index.js';
import type { OwnerType } from './media.owners.js';
import { presentMediaFile } from './media.presenter.js';
import {
  contentQuery,
  fileParams,
  mediaFileSchema,
  ownerParams,
  updateFileBody,
} from './media.schemas.js';
import type { FileContent, MediaService } from './media.service.js';
import { parseUpload } from './media.upload.js';

const OWNER_PATHS: Record<OwnerType, string> = { report: 'reports', remains: 'remains' };

function ownerRoutes(media: MediaService, ownerType: OwnerType) {
  const base = `/api/v1/${OWNER_PATHS[ownerType]}/:ownerId/files`;
  return [
    defineRoute({
      method: 'post',
      path: base,
      summary: `Upload photos or scanned documents to a ${ownerType} (multipart field "files")`,
      tag: 'files',
      auth: 'user',
      params: ownerParams,
      status: 201,
      response: z.object({ items: z.array(mediaFileSchema) }),
      handler: async ({ actor, params, req, res }) => {
        const files = await media.upload(actor, ownerType, params.ownerId, () =>
          parseUpload(req, res),
        );
        return { items: files.map((f) => presentMediaFile(actor, f)) };
      },
    }),
    defineRoute({
      method: 'get',
      path: base,
      summary: `List the files of a ${ownerType}`,
      tag: 'files',
      auth: 'user',
      params: ownerParams,
      response: z.object({ items: z.array(mediaFileSchema) }),
      handler: async ({ actor, params }) => {
        const files = await media.list(actor, ownerType, params.ownerId);
        return { items: files.map((f) => presentMediaFile(actor, f)) };
      },
    }),
  ];
}

/**
 * Derived images (re-encoded, without metadata) may be shown inline; an original — evidence, with
 * its metadata — and any PDF are only ever downloaded, under their sanitised name.
 */
function disposition(c: FileContent): string {
  if (c.variant !== 'original' && c.mediaType === 'image/jpeg') {
    return 'inline';
  }
  const ascii = c.name.replace(/[^\w.()-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(c.name)}`;
}

/** Routes of /api/v1/{reports,remains}/:ownerId/files and /api/v1/files/:id. */
export function mediaRoutes(media: MediaService) {
  return [
    ...ownerRoutes(media, 'report'),
    ...ownerRoutes(media, 'remains'),
    defineRoute({
      method: 'get',
      path: '/api/v1/files/:id',
      summary: 'Read one file record',
      tag: 'files',
      auth: 'user',
      params: fileParams,
      response: mediaFileSchema,
      handler: async ({ actor, params }) =>
        presentMediaFile(actor, await media.get(actor, params.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/files/:id/content',
      produces: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'],
      summary: 'Download a file: a derived size by default, the original for permitted roles',
      tag: 'files',
      auth: 'user',
      params: fileParams,
      query: contentQuery,
      handler: async ({ actor, params, query, res }) => {
        const content = await media.content(actor, params.id, query.variant);
        res
          .status(200)
          .set({
            'Content-Type': content.mediaType,
            'Content-Length': String(content.data.length),
            'Cache-Control': 'private, no-store',
            'Content-Disposition': disposition(content),
            // Nothing served here may run script in the API's origin (a PDF's /OpenAction).
            'Content-Security-Policy': "sandbox; default-src 'none'",
            'X-Ariadne-Variant': content.variant,
          })
          .end(content.data);
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/files/:id',
      summary: 'Mark a post-mortem photo suitable to show (forensic) or change a caption',
      tag: 'files',
      auth: 'user',
      params: fileParams,
      body: updateFileBody,
      response: mediaFileSchema,
      handler: async ({ actor, params, body }) =>
        presentMediaFile(actor, await media.update(actor, params.id, body)),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/files/:id',
      summary: 'Delete a file record and its stored bytes',
      tag: 'files',
      auth: 'user',
      params: fileParams,
      status: 204,
      handler: async ({ actor, params }) => {
        await media.remove(actor, params.id);
      },
    }),
  ];
}
