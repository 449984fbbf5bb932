import { randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { OwnerLoader, OwnerType } from '../src/features/media/index.js';
import { AppError, notFound } from '../src/platform/errors.js';
import { testNode } from './node.js';

/** A JPEG with EXIF: GPS position, camera make and a 90° orientation (landscape stored, portrait shown). */
export async function gpsTaggedJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#c04020' } })
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Tracer 1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '35/1 30/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '12/1 36/1 0/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
}

/** A detailed image (checkerboard), to tell a blurred preview from a clear one. */
export async function checkerboardPng(size = 256, cell = 8): Promise<Buffer> {
  const raw = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = (Math.floor(x / cell) + Math.floor(y / cell)) % 2 === 0 ? 255 : 0;
      raw.fill(v, (y * size + x) * 3, (y * size + x) * 3 + 3);
    }
  }
  return sharp(raw, { raw: { width: size, height: size, channels: 3 } })
    .png()
    .toBuffer();
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    }
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A "pixel flood" PNG: a few hundred bytes whose header claims 60,000 × 60,000 pixels
 * (3.6 gigapixels, ~10 GB once decoded).
 */
export function pixelFloodPng(side = 60_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(4096))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const READERS = new Set(['caseworker', 'forensic', 'contact_point']);

/**
 * Stand-in owners (reports and remains) for the media tests: readable by professionals of the
 * record's country, changeable by caseworkers and forensic users. Returns the owner factory and
 * a function that restores the real loaders.
 */
export function installFakeOwners() {
  const records = new Map<string, string>();
  const loader: OwnerLoader = (actor, id, action) => {
    const country = records.get(id);
    if (!country || country !== actor.country || !READERS.has(actor.role)) {
      return Promise.reject(notFound('owner'));
    }
    if (action === 'update' && actor.role === 'contact_point') {
      return Promise.reject(new AppError('FORBIDDEN', 'Not allowed to change this record'));
    }
    return Promise.resolve({ country });
  };
  const { media } = testNode().services;
  const restore = [media.registerOwner('report', loader), media.registerOwner('remains', loader)];
  return {
    /** A new owning record of a country. */
    owner(_type: OwnerType, country = 'IT'): string {
      const id = randomUUID();
      records.set(id, country);
      return id;
    },
    restore: () => restore.forEach((r) => r()),
  };
}
