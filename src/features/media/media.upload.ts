import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { AppError, validationFailed } from '../../platform/errors.js';

/** Limits of one upload request: every busboy limit is set, none is left unbounded. */
export const UPLOAD_LIMITS = {
  /** Bytes per file (15 MiB: a phone photo or a scanned document). */
  fileSize: 15 * 1024 * 1024,
  /** Files per request. */
  files: 5,
  /** Non-file fields per request. */
  fields: 4,
  /** Bytes of a field name. */
  fieldNameSize: 100,
  /** Bytes of a field value. */
  fieldSize: 2000,
  /** Parts (files + fields) per request. */
  parts: 9,
  /** Header key/value pairs per part. */
  headerPairs: 20,
} as const;

/** The multipart field that carries files. */
export const FILE_FIELD = 'files';

/** One uploaded file, held in memory (bounded by UPLOAD_LIMITS). */
export interface UploadedFile {
  /** The client's file name, base name only, control characters removed. */
  name: string;
  data: Buffer;
}

/** A parsed upload: files and text fields. */
export interface ParsedUpload {
  files: UploadedFile[];
  fields: Record<string, string>;
}

const parser = multer({
  storage: multer.memoryStorage(),
  limits: UPLOAD_LIMITS,
  defParamCharset: 'utf8',
}).array(FILE_FIELD, UPLOAD_LIMITS.files);

const MULTER_STATUS: Record<string, 'PAYLOAD_TOO_LARGE' | 'VALIDATION_FAILED'> = {
  LIMIT_FILE_SIZE: 'PAYLOAD_TOO_LARGE',
  LIMIT_FILE_COUNT: 'PAYLOAD_TOO_LARGE',
  LIMIT_PART_COUNT: 'PAYLOAD_TOO_LARGE',
  LIMIT_FIELD_COUNT: 'PAYLOAD_TOO_LARGE',
  LIMIT_FIELD_VALUE: 'PAYLOAD_TOO_LARGE',
};

/** A safe base name for a client's file name (shown in lists and in download headers). */
function cleanName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // Letters, marks and digits of any script, spaces and . _ - ( ) stay; markup, quotes, control
  // and bidirectional formatting characters and lone surrogates become "_".
  const clean = base
    .replace(/[^\p{L}\p{M}\p{N} ._()-]/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  return (clean || 'file').slice(0, 200);
}

/**
 * Parses a multipart/form-data request (called inside the handler, after authentication and
 * the owner check, so nobody can make the server buffer files before being authorised).
 */
export async function parseUpload(req: Request, res: Response): Promise<ParsedUpload> {
  if (!req.is('multipart/form-data')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send files as multipart/form-data');
  }
  await new Promise<void>((resolve, reject) => {
    parser(req, res, (err: unknown) => {
      if (!err) {
        resolve();
        return;
      }
      if (err instanceof MulterError) {
        const code = MULTER_STATUS[err.code] ?? 'VALIDATION_FAILED';
        reject(
          new AppError(code, `Upload refused: ${err.message}`, {
            reason: err.code,
            ...(err.field ? { field: `body.${err.field}` } : {}),
            limits: UPLOAD_LIMITS,
          }),
        );
        return;
      }
      reject(new AppError('VALIDATION_FAILED', 'Malformed multipart request'));
    });
  });
  const files = ((req.files ?? []) as Express.Multer.File[]).map((f) => ({
    name: cleanName(f.originalname),
    data: f.buffer,
  }));
  if (files.length === 0) {
    throw validationFailed([
      { field: `body.${FILE_FIELD}`, message: 'at least one file is required' },
    ]);
  }
  const fields = Object.fromEntries(
    Object.entries((req.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
  );
  return { files, fields };
}
