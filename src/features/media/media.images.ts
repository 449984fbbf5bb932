import type SharpFn from 'sharp';
import { AppError } from '../../platform/errors.js';

let sharpModule: Promise<typeof SharpFn> | undefined;

/** sharp (libvips) is loaded on the first image, not at start-up (ADR 0129). */
function loadSharp(): Promise<typeof SharpFn> {
  sharpModule ??= import('sharp').then((m) => m.default);
  return sharpModule;
}

/**
 * Largest image accepted, in pixels (40 megapixels: a high-end phone photo or a 600 dpi A4
 * scan fits; sharp's own default is 268 megapixels). The header is checked before any decode,
 * so a decompression bomb is refused without allocating its pixels.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** Types accepted, detected from the bytes (never from the name or the client's header). */
export const ACCEPTED_TYPES = {
  'image/jpeg': 'photo',
  'image/png': 'photo',
  'image/webp': 'photo',
  'application/pdf': 'document',
} as const;

/** A type the service accepts. */
export type AcceptedType = keyof typeof ACCEPTED_TYPES;

/** Derived image sizes: longest side in pixels. */
export const SIZES = { thumb: 320, medium: 1600 } as const;

/** Bytes of one derived image. */
export interface Derived {
  data: Buffer;
  width: number;
  height: number;
}

/** What the pipeline makes of an image: sizes for display, all metadata removed. */
export interface ProcessedImage {
  width: number;
  height: number;
  thumb: Derived;
  medium: Derived;
  /** Strongly blurred preview, for sensitive (post-mortem) photos only. */
  preview?: Derived;
}

/** Detects the real type from the first bytes; refuses anything not accepted (415). */
export async function detectType(data: Buffer): Promise<AcceptedType> {
  const { fileTypeFromBuffer } = await import('file-type');
  const found = await fileTypeFromBuffer(data);
  if (!found || !(found.mime in ACCEPTED_TYPES)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'File content is not an accepted type (JPEG, PNG, WebP images or PDF documents)',
      { detected: found?.mime ?? 'unknown', accepted: Object.keys(ACCEPTED_TYPES) },
    );
  }
  return found.mime as AcceptedType;
}

function decoder(sharp: typeof SharpFn, data: Buffer) {
  // failOn 'error': truncated or corrupt images are refused rather than half-decoded.
  return sharp(data, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error', autoOrient: true });
}

function rejected(err: unknown): AppError {
  const message = err instanceof Error ? err.message : String(err);
  if (/pixel limit/i.test(message)) {
    return tooManyPixels();
  }
  return new AppError('IMAGE_REJECTED', 'The image could not be decoded', {
    reason: 'undecodable',
  });
}

function tooManyPixels(pixels?: number): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `Image has too many pixels (limit ${MAX_IMAGE_PIXELS.toLocaleString('en')})`,
    { reason: 'pixel_limit', limit: MAX_IMAGE_PIXELS, ...(pixels ? { pixels } : {}) },
  );
}

async function derive(data: Buffer, size: number, blur = false): Promise<Derived> {
  const sharp = await loadSharp();
  let pipeline = decoder(sharp, data).resize({
    width: size,
    height: size,
    fit: 'inside',
    withoutEnlargement: true,
  });
  if (blur) {
    // Shrink to a few dozen pixels first: detail is destroyed, not merely hidden.
    const tiny = await decoder(sharp, data)
      .resize({ width: 24, height: 24, fit: 'inside' })
      .png()
      .toBuffer();
    pipeline = sharp(tiny).resize({ width: size, height: size, fit: 'inside' }).blur(12);
  }
  // sharp writes no metadata unless asked (no withMetadata/keepExif here): EXIF, GPS, XMP,
  // IPTC and ICC are all dropped; orientation has already been applied to the pixels.
  const out = await pipeline.jpeg({ quality: 82, mozjpeg: true }).toBuffer({
    resolveWithObject: true,
  });
  return { data: out.data, width: out.info.width, height: out.info.height };
}

/**
 * Decodes an image safely and makes its derivatives: thumbnail, medium size and, when
 * `sensitive`, a strongly blurred preview. Refuses pixel floods (413) and corrupt images (422).
 */
export async function processImage(data: Buffer, sensitive: boolean): Promise<ProcessedImage> {
  const sharp = await loadSharp();
  let width: number;
  let height: number;
  try {
    // Reads the header only: no pixel buffer is allocated here.
    const meta = await sharp(data, { limitInputPixels: false }).metadata();
    width = meta.autoOrient.width;
    height = meta.autoOrient.height;
  } catch (err) {
    throw rejected(err);
  }
  if (!width || !height) {
    throw rejected(new Error('no dimensions'));
  }
  if (width * height > MAX_IMAGE_PIXELS) {
    throw tooManyPixels(width * height);
  }
  try {
    const thumb = await derive(data, SIZES.thumb);
    const medium = await derive(data, SIZES.medium);
    const preview = sensitive ? await derive(data, SIZES.thumb, true) : undefined;
    return { width, height, thumb, medium, ...(preview ? { preview } : {}) };
  } catch (err) {
    throw rejected(err);
  }
}
