import { rgbaToThumbHash } from 'thumbhash';
import { describe, expect, it } from 'vitest';
import { thumbhashToDataUrl } from './thumbhash';

function hashOfSolid(r: number, g: number, b: number): string {
  const w = 8;
  const h = 6;
  const rgba = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) rgba.set([r, g, b, 255], i * 4);
  return btoa(String.fromCharCode(...rgbaToThumbHash(w, h, rgba)));
}

describe('thumbhashToDataUrl', () => {
  it('paints a PNG placeholder from a base64 ThumbHash', () => {
    const url = thumbhashToDataUrl(hashOfSolid(200, 40, 40));
    expect(url).toMatch(/^data:image\/png;base64,/);
  });

  it('gives different pictures for different hashes, and the same for the same one', () => {
    const red = thumbhashToDataUrl(hashOfSolid(200, 40, 40));
    const blue = thumbhashToDataUrl(hashOfSolid(40, 40, 200));
    expect(red).not.toBe(blue);
    expect(thumbhashToDataUrl(hashOfSolid(200, 40, 40))).toBe(red);
  });

  it('returns null for a missing or unreadable hash instead of throwing', () => {
    expect(thumbhashToDataUrl(null)).toBeNull();
    expect(thumbhashToDataUrl('')).toBeNull();
    expect(thumbhashToDataUrl('%%%not base64%%%')).toBeNull();
  });
});
