import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { brushRange, farEnough, maskFile, rasterizeMask, type Stroke } from './mask';

/** Width, height, colour type and pixels of an 8-bit greyscale PNG (filter type 0 rows). */
function decodePng(bytes: Uint8Array) {
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

describe('the Edit mask', () => {
  const stroke: Stroke = {
    size: 20,
    points: [
      [40, 50],
      [160, 50],
    ],
  };

  it('is a PNG of the image’s own size: white under the strokes, black everywhere else', async () => {
    const file = await maskFile([stroke, { size: 10, points: [[190, 140]] }], 200, 150);
    expect(file.type).toBe('image/png');
    expect(file.name).toBe('mask.png');
    const png = decodePng(new Uint8Array(await file.arrayBuffer()));
    expect([png.width, png.height, png.colourType]).toEqual([200, 150, 0]);
    expect(new Set(png.pixels)).toEqual(new Set([0, 255]));

    // Along the stroke, its round caps, and the dot.
    expect([png.at(40, 50), png.at(100, 50), png.at(160, 50), png.at(100, 59)]).toEqual([255, 255, 255, 255]);
    expect(png.at(32, 50)).toBe(255);
    expect(png.at(190, 140)).toBe(255);
    // Outside the brush.
    expect([png.at(100, 62), png.at(100, 38), png.at(25, 50), png.at(175, 50), png.at(0, 0)]).toEqual([
      0, 0, 0, 0, 0,
    ]);
    // The covered area is about a 120 × 20 band plus two half discs, plus the dot.
    const white = png.pixels.filter((value) => value === 255).length;
    const expected = 120 * 20 + Math.PI * 10 * 10 + Math.PI * 5 * 5;
    expect(Math.abs(white - expected) / expected).toBeLessThan(0.05);
  });

  it('is all black with no strokes, and clips strokes at the edges', () => {
    expect(rasterizeMask([], 8, 4).every((value) => value === 0)).toBe(true);
    const edge = rasterizeMask([{ size: 6, points: [[0, 0]] }], 8, 4);
    expect(edge[0]).toBe(255);
    expect(edge[7]).toBe(0);
  });

  it('records points no closer than the brush needs, and sizes the brush to the image', () => {
    expect(farEnough(undefined, [0, 0], 40)).toBe(true);
    expect(farEnough([0, 0], [3, 0], 40)).toBe(false);
    expect(farEnough([0, 0], [6, 0], 40)).toBe(true);
    expect(brushRange(1024, 768)).toEqual({ min: 10, max: 205, initial: 64 });
  });
});
