import { deflateSync } from 'node:zlib';

export interface RawPixels {
  width: number;
  height: number;
  /** 1 = grey, 3 = RGB, 4 = RGBA; interleaved 8-bit samples, rows top to bottom. */
  channels: 1 | 3 | 4;
  data: Buffer;
}

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const colourType = { 1: 0, 3: 2, 4: 6 } as const;

const crcTable = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/**
 * A minimal PNG encoder (8-bit, no filtering), so this package's Ideogram code can write a mask or
 * a test image without importing sharp.
 */
export function encodePng(image: RawPixels, level = 6): Buffer {
  const { width, height, channels, data } = image;
  if (data.length !== width * height * channels) {
    throw new Error(`encodePng: expected ${width * height * channels} bytes, got ${data.length}`);
  }
  const stride = width * channels;
  const scanlines = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    scanlines[y * (stride + 1)] = 0;
    data.copy(scanlines, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = colourType[channels];
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
