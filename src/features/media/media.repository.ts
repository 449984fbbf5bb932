import type { SqlCondition } from '../../platform/authz/index.js';
import type { Queryable } from '../../platform/db/index.js';
import type { AcceptedType } from './media.images.js';
import type { OwnerType } from './media.owners.js';

/** A stored file record. */
export interface MediaFile {
  id: string;
  ownerType: OwnerType;
  ownerId: string;
  country: string;
  kind: 'photo' | 'document';
  mediaType: AcceptedType;
  sensitive: boolean;
  suitableToShow: boolean;
  markedBy: string | null;
  markedAt: Date | null;
  caption: string | null;
  originalName: string;
  byteSize: number;
  sha256: string;
  width: number | null;
  height: number | null;
  thumbKey: string | null;
  mediumKey: string | null;
  previewKey: string | null;
  uploadedBy: string | null;
  createdAt: Date;
}

/** A file record before insertion. */
export type NewMediaFile = Omit<
  MediaFile,
  'country' | 'suitableToShow' | 'markedBy' | 'markedAt' | 'createdAt'
> & { country: string };

const COLUMNS = `id, owner_type AS "ownerType", owner_id AS "ownerId", country, kind,
  media_type AS "mediaType", sensitive, suitable_to_show AS "suitableToShow",
  marked_by AS "markedBy", marked_at AS "markedAt", caption, original_name AS "originalName",
  byte_size AS "byteSize", sha256, width, height, thumb_key AS "thumbKey",
  medium_key AS "mediumKey", preview_key AS "previewKey", uploaded_by AS "uploadedBy",
  created_at AS "createdAt"`;

function normalise(row: MediaFile): MediaFile {
  return { ...row, country: row.country.trim(), byteSize: Number(row.byteSize) };
}

/** Loads one file record. */
export async function findMediaFile(q: Queryable, id: string): Promise<MediaFile | undefined> {
  const rows = await q.query<MediaFile>(`SELECT ${COLUMNS} FROM media_files WHERE id = $1`, [id]);
  return rows[0] ? normalise(rows[0]) : undefined;
}

/** Inserts a file record. */
export async function insertMediaFile(q: Queryable, f: NewMediaFile): Promise<MediaFile> {
  const rows = await q.query<MediaFile>(
    `INSERT INTO media_files (id, owner_type, owner_id, country, kind, media_type, sensitive,
       caption, original_name, byte_size, sha256, width, height, thumb_key, medium_key,
       preview_key, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     RETURNING ${COLUMNS}`,
    [
      f.id,
      f.ownerType,
      f.ownerId,
      f.country,
      f.kind,
      f.mediaType,
      f.sensitive,
      f.caption,
      f.originalName,
      f.byteSize,
      f.sha256,
      f.width,
      f.height,
      f.thumbKey,
      f.mediumKey,
      f.previewKey,
      f.uploadedBy,
    ],
  );
  return normalise(rows[0]!);
}

/** The files of one owner that the access condition lets through, oldest first. */
export async function listOwnerFiles(
  q: Queryable,
  ownerType: OwnerType,
  ownerId: string,
  access: SqlCondition,
): Promise<MediaFile[]> {
  const n = access.params.length;
  const rows = await q.query<MediaFile>(
    `SELECT ${COLUMNS} FROM media_files
     WHERE ${access.sql} AND owner_type = $${n + 1} AND owner_id = $${n + 2}
     ORDER BY created_at, id LIMIT 500`,
    [...access.params, ownerType, ownerId],
  );
  return rows.map(normalise);
}

/** Sets or clears the "suitable to show" mark and/or the caption. */
export async function updateMediaFile(
  q: Queryable,
  id: string,
  patch: { suitableToShow?: boolean; caption?: string | null; markedBy?: string },
): Promise<MediaFile> {
  const rows = await q.query<MediaFile>(
    `UPDATE media_files SET
       suitable_to_show = COALESCE($2, suitable_to_show),
       marked_by = CASE WHEN $2::boolean IS NULL THEN marked_by ELSE $3::uuid END,
       marked_at = CASE WHEN $2::boolean IS NULL THEN marked_at ELSE now() END,
       caption = CASE WHEN $4::boolean THEN $5 ELSE caption END
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [
      id,
      patch.suitableToShow ?? null,
      patch.markedBy ?? null,
      patch.caption !== undefined,
      patch.caption ?? null,
    ],
  );
  return normalise(rows[0]!);
}

/** Deletes a file record. */
export async function deleteMediaFile(q: Queryable, id: string): Promise<void> {
  await q.query(`DELETE FROM media_files WHERE id = $1`, [id]);
}

/**
 * Serialises work on one original (content address) until the transaction ends: an upload that
 * writes the bytes and a deletion that checks for references take turns (issue 15 item 15).
 */
export async function lockOriginal(tx: Queryable, hash: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(727278, hashtext($1))', [hash]);
}

/** Whether any record still points at an original (content-addressed, so shareable). */
export async function isOriginalReferenced(q: Queryable, hash: string): Promise<boolean> {
  const rows = await q.query(`SELECT 1 FROM media_files WHERE sha256 = $1 LIMIT 1`, [hash]);
  return rows.length > 0;
}

/** Deletes every file record of an owner (when the owner itself is deleted); returns them. */
export async function deleteOwnerFiles(
  q: Queryable,
  ownerType: OwnerType,
  ownerId: string,
): Promise<MediaFile[]> {
  const rows = await q.query<MediaFile>(
    `DELETE FROM media_files WHERE owner_type = $1 AND owner_id = $2 RETURNING ${COLUMNS}`,
    [ownerType, ownerId],
  );
  return rows.map(normalise);
}
