/** Test helpers: read back a mask PNG and measure what was painted. */
import { inflateSync } from 'node:zlib';
import { expect } from 'vitest';

/** Width, height, colour type and pixels of an 8-bit greyscale PNG (filter type 0 rows). */
export function decodeGreyPng(bytes: Uint8Array) {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  const idat: Uint8Array[] = [];
  while (offset < bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      colourType = data[9]!;
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width + 1)]).toBe(0);
    pixels.set(raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1)), y * width);
  }
  return { width, height, colourType, pixels, at: (x: number, y: number) => pixels[y * width + x] };
}

/** The bounding box of the pixels at or above `threshold`. */
export function paintedBox(pixels: Uint8Array, width: number, threshold = 128) {
  let left = Infinity;
  let right = -Infinity;
  let top = Infinity;
  let bottom = -Infinity;
  pixels.forEach((value, i) => {
    if (value < threshold) return;
    const x = i % width;
    const y = Math.floor(i / width);
    left = Math.min(left, x);
    right = Math.max(right, x);
    top = Math.min(top, y);
    bottom = Math.max(bottom, y);
  });
  return {
    width: right - left + 1,
    height: bottom - top + 1,
    cx: (left + right + 1) / 2,
    cy: (top + bottom + 1) / 2,
  };
}
