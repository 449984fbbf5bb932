import { randomUUID } from 'node:crypto';
import {
  authorize,
  authorizeType,
  accessibleWhere,
  type Actor,
} from '../../platform/authz/index.js';
import type { Database, Queryable } from '../../platform/db/index.js';
import { AppError, notFound, validationFailed } from '../../platform/errors.js';
import { getLogger } from '../../platform/logger.js';
import { recordAudit } from '../audit/index.js';
import { ACCEPTED_TYPES, detectType, processImage } from './media.images.js';
import {
  isSensitiveOwner,
  type FileOwner,
  type OwnerLoader,
  type OwnerLoaders,
  type OwnerType,
} from './media.owners.js';
import { allowedVariants } from './media.presenter.js';
import {
  deleteMediaFile,
  deleteOwnerFiles,
  findMediaFile,
  insertMediaFile,
  isOriginalReferenced,
  listOwnerFiles,
  lockOriginal,
  updateMediaFile,
  type MediaFile,
  type NewMediaFile,
} from './media.repository.js';
import { uploadFields, type UpdateFileInput, type Variant } from './media.schemas.js';
import { derivedKey, originalKey, sha256, type FileStore } from './media.storage.js';
import type { ParsedUpload } from './media.upload.js';

const TYPE = 'MediaFile';
const log = getLogger('app');

/** What the media service needs. */
export interface MediaDeps {
  db: Database;
  store: FileStore;
  /** How to load each kind of owning record with its own feature's rules. */
  owners: OwnerLoaders;
}

/** Bytes ready to send. */
export interface FileContent {
  data: Buffer;
  mediaType: string;
  variant: Variant;
  /** The sanitised file name given at upload. */
  name: string;
}

/** Photos and documents of reports and remains: upload, list, read, mark, delete — checked and audited. */
export function createMediaService({ db, store, owners: initial }: MediaDeps) {
  const owners: OwnerLoaders = { ...initial };
  async function loadOwner(
    actor: Actor,
    type: OwnerType,
    id: string,
    action: 'read' | 'update',
    tx?: Queryable,
  ): Promise<FileOwner> {
    const loader = owners[type];
    if (!loader) {
      throw notFound(type);
    }
    const owner = await loader(actor, id, action, tx);
    return { type, id, country: owner.country.trim() };
  }

  /**
   * A file the actor may act on, whose owner the actor may also read. A file whose owner the
   * actor cannot read answers 404 like a missing one, whatever the action: the owner is checked
   * before the action, so a 403 never tells that the file exists (issue 15 items 11 and 19).
   */
  async function loadFile(actor: Actor, id: string, action: string, tx: Queryable) {
    const file = authorize(actor, 'read', TYPE, await findMediaFile(tx, id));
    const owner = async (ownerAction: 'read' | 'update') => {
      try {
        await loadOwner(actor, file.ownerType, file.ownerId, ownerAction, tx);
      } catch (err) {
        // An owner the actor cannot read answers exactly like a missing file (no owner type named).
        if (err instanceof AppError && err.code === 'NOT_FOUND') {
          throw notFound(TYPE);
        }
        throw err;
      }
    };
    await owner('read');
    authorize(actor, action, TYPE, file);
    if (action !== 'read') {
      await owner('update');
    }
    return file;
  }

  /**
   * Removes a deleted record's bytes. An original goes only when no committed record uses it,
   * checked and deleted under the original's lock, which an upload of the same bytes holds
   * from writing them until its record commits: the check never misses that record.
   */
  async function removeBytes(files: readonly MediaFile[]): Promise<void> {
    for (const f of files) {
      try {
        for (const key of [f.thumbKey, f.mediumKey, f.previewKey]) {
          if (key) {
            await store.delete(key);
          }
        }
        await db.transaction(async (tx) => {
          await lockOriginal(tx, f.sha256);
          if (!(await isOriginalReferenced(tx, f.sha256))) {
            await store.delete(originalKey(f.sha256));
          }
        });
      } catch (err) {
        log.warn('media: could not remove stored bytes', { fileId: f.id, error: String(err) });
      }
    }
  }

  async function prepare(actor: Actor, owner: FileOwner, upload: ParsedUpload) {
    const parsed = uploadFields.safeParse(upload.fields);
    if (!parsed.success) {
      throw validationFailed(
        parsed.error.issues.map((i) => ({
          field: ['body', ...i.path.map(String)].join('.'),
          message: i.message,
        })),
      );
    }
    const sensitive = isSensitiveOwner(owner.type);
    const prepared = [];
    // One at a time: at most one image is decoded in memory per request.
    for (const file of upload.files) {
      const mediaType = await detectType(file.data);
      const kind = ACCEPTED_TYPES[mediaType];
      const image = kind === 'photo' ? await processImage(file.data, sensitive) : undefined;
      const id = randomUUID();
      const record: NewMediaFile = {
        id,
        ownerType: owner.type,
        ownerId: owner.id,
        country: owner.country,
        kind,
        mediaType,
        sensitive,
        caption: parsed.data.caption ?? null,
        originalName: file.name,
        byteSize: file.data.length,
        sha256: sha256(file.data),
        width: image?.width ?? null,
        height: image?.height ?? null,
        thumbKey: image ? derivedKey(id, 'thumb', 'jpg') : null,
        mediumKey: image ? derivedKey(id, 'medium', 'jpg') : null,
        previewKey: image?.preview ? derivedKey(id, 'preview', 'jpg') : null,
        uploadedBy: actor.id,
      };
      prepared.push({ record, data: file.data, image });
    }
    return prepared;
  }

  return {
    /**
     * Lets an owning feature (reports, remains) say how its records are loaded and checked.
     * Returns a function that restores the previous loader (tests use it).
     */
    registerOwner(type: OwnerType, loader: OwnerLoader): () => void {
      const previous = owners[type];
      owners[type] = loader;
      return () => {
        owners[type] = previous;
      };
    },

    /**
     * Adds files to a report or remains. The owner is checked before the body is read
     * (`receive` parses the multipart stream); every file is checked and processed before
     * anything is stored, so a bad file refuses the whole request.
     */
    async upload(
      actor: Actor,
      ownerType: OwnerType,
      ownerId: string,
      receive: () => Promise<ParsedUpload>,
    ): Promise<MediaFile[]> {
      const owner = await loadOwner(actor, ownerType, ownerId, 'update');
      authorizeType(actor, 'create', TYPE, {
        country: owner.country,
        ownerType,
        sensitive: isSensitiveOwner(ownerType),
        suitableToShow: false,
      });
      const prepared = await prepare(actor, owner, await receive());
      const records = prepared.map((p) => ({ ...p.record, suitableToShow: false }) as MediaFile);
      try {
        // Derived images have keys of their own; originals are shared and written below.
        for (const p of prepared) {
          const { thumbKey, mediumKey, previewKey } = p.record;
          if (p.image && thumbKey && mediumKey) {
            await store.put(thumbKey, p.image.thumb.data);
            await store.put(mediumKey, p.image.medium.data);
          }
          if (p.image?.preview && previewKey) {
            await store.put(previewKey, p.image.preview.data);
          }
        }
        return await db.transaction(async (tx) => {
          await loadOwner(actor, ownerType, ownerId, 'update', tx);
          // The originals' locks, in one order (two uploads cannot deadlock), held until commit.
          for (const hash of [...new Set(prepared.map((p) => p.record.sha256))].sort()) {
            await lockOriginal(tx, hash);
          }
          const saved = [];
          for (const p of prepared) {
            // Bytes before the record, under the lock (see removeBytes).
            await store.put(originalKey(p.record.sha256), p.data);
            const file = await insertMediaFile(tx, p.record);
            await recordAudit(tx, actor, {
              action: 'create',
              subjectType: TYPE,
              subjectId: file.id,
              subjectCountry: file.country,
              fields: ['content', ...(file.caption ? ['caption'] : [])],
              details: { ownerType, ownerId, mediaType: file.mediaType, sha256: file.sha256 },
            });
            saved.push(file);
          }
          return saved;
        });
      } catch (err) {
        await removeBytes(records);
        throw err;
      }
    },

    /** The files of a report or remains the actor may see. */
    async list(actor: Actor, ownerType: OwnerType, ownerId: string): Promise<MediaFile[]> {
      return db.transaction(async (tx) => {
        const owner = await loadOwner(actor, ownerType, ownerId, 'read', tx);
        const access = accessibleWhere(actor.ability, 'read', TYPE, {
          country: 'country',
          ownerType: 'owner_type',
          sensitive: 'sensitive',
          suitableToShow: 'suitable_to_show',
        });
        const files = await listOwnerFiles(tx, ownerType, ownerId, access);
        await recordAudit(tx, actor, {
          action: 'list',
          subjectType: TYPE,
          subjectCountry: owner.country,
          details: { ownerType, ownerId, count: files.length },
        });
        return files;
      });
    },

    /** One file record (404 when missing or not readable). */
    async get(actor: Actor, id: string): Promise<MediaFile> {
      return db.transaction(async (tx) => {
        const f = await loadFile(actor, id, 'read', tx);
        // Captions and original file names can be personal data: the read is audited.
        await recordAudit(tx, actor, {
          action: 'read',
          subjectType: TYPE,
          subjectId: f.id,
          subjectCountry: f.country,
          fields: ['caption', 'originalName'],
          details: { ownerType: f.ownerType, ownerId: f.ownerId },
        });
        return f;
      });
    },

    /** The bytes of one size of a file; by default the best size the actor may see. */
    async content(actor: Actor, id: string, variant?: Variant): Promise<FileContent> {
      const { file, chosen } = await db.transaction(async (tx) => {
        const f = await loadFile(actor, id, 'read', tx);
        const allowed = allowedVariants(actor, f);
        const pick = variant ?? allowed[0];
        if (!pick || !allowed.includes(pick)) {
          throw new AppError(
            'FORBIDDEN',
            `Not allowed to read the ${variant ?? 'content'} of this file`,
            {
              allowed,
            },
          );
        }
        await recordAudit(tx, actor, {
          action: 'read',
          subjectType: TYPE,
          subjectId: f.id,
          subjectCountry: f.country,
          fields: ['content'],
          details: { variant: pick, ownerType: f.ownerType, ownerId: f.ownerId },
        });
        return { file: f, chosen: pick };
      });
      const keys: Record<Variant, string | null> = {
        thumb: file.thumbKey,
        medium: file.mediumKey,
        preview: file.previewKey,
        original: originalKey(file.sha256),
      };
      const data = await store.get(keys[chosen]!);
      if (chosen === 'original' && sha256(data) !== file.sha256) {
        log.error('media: stored original does not match its SHA-256', { fileId: file.id });
        throw new AppError('INTERNAL', 'Stored file failed its integrity check');
      }
      return {
        data,
        mediaType: chosen === 'original' ? file.mediaType : 'image/jpeg',
        variant: chosen,
        name: file.originalName,
      };
    },

    /** Marks a post-mortem photo suitable (or not) to show, and/or changes the caption. */
    async update(actor: Actor, id: string, patch: UpdateFileInput): Promise<MediaFile> {
      return db.transaction(async (tx) => {
        const f = await loadFile(
          actor,
          id,
          patch.suitableToShow === undefined ? 'create' : 'mark',
          tx,
        );
        if (patch.caption !== undefined) {
          authorize(actor, 'create', TYPE, f);
        }
        const updated = await updateMediaFile(tx, f.id, {
          ...(patch.suitableToShow !== undefined
            ? { suitableToShow: patch.suitableToShow, markedBy: actor.id }
            : {}),
          ...(patch.caption !== undefined ? { caption: patch.caption } : {}),
        });
        await recordAudit(tx, actor, {
          action: 'update',
          subjectType: TYPE,
          subjectId: f.id,
          subjectCountry: f.country,
          fields: Object.keys(patch),
        });
        return updated;
      });
    },

    /** Deletes a file record and its stored bytes. */
    async remove(actor: Actor, id: string): Promise<void> {
      const file = await db.transaction(async (tx) => {
        const f = await loadFile(actor, id, 'delete', tx);
        await deleteMediaFile(tx, f.id);
        await recordAudit(tx, actor, {
          action: 'delete',
          subjectType: TYPE,
          subjectId: f.id,
          subjectCountry: f.country,
          details: { ownerType: f.ownerType, ownerId: f.ownerId, sha256: f.sha256 },
        });
        return f;
      });
      await removeBytes([file]);
    },

    /**
     * For owning features that delete a record: removes its file records in the caller's
     * transaction and returns a function that removes the bytes once that transaction commits.
     */
    async removeOwnerFiles(tx: Queryable, ownerType: OwnerType, ownerId: string) {
      const files = await deleteOwnerFiles(tx, ownerType, ownerId);
      return () => removeBytes(files);
    },
  };
}

/** The media service's interface. */
export type MediaService = ReturnType<typeof createMediaService>;
