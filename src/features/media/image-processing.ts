// Uploaded images are decoded, checked and re-encoded by sharp: what is stored is always a
// fresh WebP without the uploader's metadata (EXIF, GPS, ICC comments), in fixed sizes.
import type { Metadata } from 'sharp';
import { AppError, ValidationError } from '../../lib/errors.js';
import { loadSharp } from './load-sharp.js';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** Anything larger when decoded is refused: a small file may declare a huge canvas. */
export const MAX_INPUT_PIXELS = 40_000_000;

export type MediaKind = 'photo' | 'cover';

/** Sizes written per kind: a square photo, a 16:9 cover; [width, height]. */
export const SIZES: Record<MediaKind, readonly (readonly [number, number])[]> = {
  photo: [
    [96, 96],
    [320, 320],
  ],
  cover: [
    [640, 360],
    [1280, 720],
  ],
};

const ACCEPTED = new Set(['jpeg', 'png', 'webp']);

export interface ProcessedImage {
  /** Output width -> WebP bytes. */
  variants: { width: number; height: number; data: Buffer }[];
}

/** Throws a ValidationError (field `field`) for anything that is not an acceptable image. */
export async function processImage(
  input: Buffer,
  kind: MediaKind,
  field: string,
): Promise<ProcessedImage> {
  if (input.length === 0) throw new ValidationError({ [field]: 'upload_empty' });
  if (input.length > MAX_UPLOAD_BYTES) throw new AppError('payload_too_large', 'upload_too_large');
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    // Only the header is read here, so the size can be refused with its own message below;
    // decoding happens under limitInputPixels.
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new ValidationError({ [field]: 'upload_not_image' });
  }
  if (!meta.format || !ACCEPTED.has(meta.format)) {
    throw new ValidationError({ [field]: 'upload_wrong_type' });
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width * height > MAX_INPUT_PIXELS || (meta.pages ?? 1) > 1) {
    throw new ValidationError({ [field]: 'upload_too_many_pixels' });
  }
  try {
    const variants = [];
    for (const [w, h] of SIZES[kind]) {
      const data = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
        .rotate()
        .resize(w, h, { fit: 'cover', position: 'attention' })
        .webp({ quality: 82 })
        .toBuffer();
      variants.push({ width: w, height: h, data });
    }
    return { variants };
  } catch {
    // A header that looked right over data that does not decode.
    throw new ValidationError({ [field]: 'upload_not_image' });
  }
}
