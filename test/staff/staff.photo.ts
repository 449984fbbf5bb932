// A small photo for upload tests of the staff console (its own module: importing a test file
// would run its tests again).
import sharp from 'sharp';

/** A small JPEG photo. */
export function photo(): Promise<Buffer> {
  return sharp({
    create: { width: 64, height: 48, channels: 3, background: { r: 120, g: 90, b: 60 } },
  })
    .jpeg()
    .toBuffer();
}
