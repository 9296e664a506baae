import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES, processImage } from '../../src/features/media/image-processing.js';
import { AppError, ValidationError } from '../../src/lib/errors.js';
import { pngBomb, realJpegWithExif, realPng } from './images.js';

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ValidationError) return Object.values(error.fields)[0]!;
    if (error instanceof AppError) return `${error.status}:${error.messageKey}`;
    throw error;
  }
  return 'accepted';
}

describe('image processing', () => {
  it('turns a JPEG with EXIF into square WebP photos of 96 and 320 px without metadata', async () => {
    const input = await realJpegWithExif();
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const { variants } = await processImage(input, 'photo', 'photo');
    expect(variants.map((v) => [v.width, v.height])).toEqual([
      [96, 96],
      [320, 320],
    ]);
    for (const v of variants) {
      const meta = await sharp(v.data).metadata();
      expect(meta.format).toBe('webp');
      expect([meta.width, meta.height]).toEqual([v.width, v.height]);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
    }
  });

  it('makes 16:9 covers from a PNG', async () => {
    const { variants } = await processImage(await realPng(), 'cover', 'cover');
    const sizes = await Promise.all(
      variants.map(async (v) => (await sharp(v.data).metadata()).width),
    );
    expect(sizes).toEqual([640, 1280]);
  });

  it('refuses text renamed to .jpg, a decompression bomb, an empty file and a huge file', async () => {
    expect(
      await refusal(processImage(Buffer.from('Dit is geen foto\n'.repeat(50)), 'photo', 'photo')),
    ).toBe('upload_not_image');
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(2_000);
    expect(await refusal(processImage(bomb, 'photo', 'photo'))).toMatch(
      /upload_too_many_pixels|upload_not_image/,
    );
    expect(await refusal(processImage(Buffer.alloc(0), 'photo', 'photo'))).toBe('upload_empty');
    expect(await refusal(processImage(Buffer.alloc(MAX_UPLOAD_BYTES + 1), 'photo', 'photo'))).toBe(
      '413:upload_too_large',
    );
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } })
      .gif()
      .toBuffer();
    expect(await refusal(processImage(gif, 'photo', 'photo'))).toBe('upload_wrong_type');
  });
});
