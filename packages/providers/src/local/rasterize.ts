import { createRng } from './prng';
import { encodeRgb, quantiseRgb, svgToRgb, transformRgb, type EncodeFormat, type RgbImage } from './pixels';
import type { RasterLook } from './styles';

export interface RasterRequest {
  svg: string;
  /** The size the SVG was composed at. */
  sceneWidth: number;
  sceneHeight: number;
  /** The size of the picture to produce (smaller than the scene for previews). */
  width: number;
  height: number;
  look: RasterLook;
  /** Seeds the film grain, so the same image always gets the same grain. */
  seed: number;
  format: EncodeFormat;
}

const PIXEL_ART_COLOURS = 24;

/** Pixel-art blocks: big enough to read as pixels, and always dividing a multiple-of-64 size. */
export function pixelBlock(longSide: number): number {
  if (longSide >= 1536) return 16;
  if (longSide >= 768) return 8;
  if (longSide >= 256) return 4;
  return 2;
}

async function render(request: RasterRequest, width: number, height: number): Promise<RgbImage> {
  const image = await svgToRgb(request.svg, (72 * width) / request.sceneWidth);
  if (image.width === width && image.height === height) return image;
  return transformRgb(image, { resize: { width, height, kernel: 'lanczos3' } });
}

/** Seamless value noise in two octaves: soft blotches of pigment plus a little fibre. */
function paperTexture(seed: number, size: number): Float32Array {
  const rng = createRng(seed ^ 0x9e3779b9);
  const octave = (cells: number): ((x: number, y: number) => number) => {
    const lattice = Float32Array.from({ length: cells * cells }, () => rng.next());
    const at = (cx: number, cy: number): number => lattice[(cy % cells) * cells + (cx % cells)] ?? 0;
    const ease = (t: number): number => t * t * (3 - 2 * t);
    return (x, y) => {
      const fx = (x / size) * cells;
      const fy = (y / size) * cells;
      const x0 = Math.floor(fx);
      const y0 = Math.floor(fy);
      const tx = ease(fx - x0);
      const ty = ease(fy - y0);
      const top = at(x0, y0) + (at(x0 + 1, y0) - at(x0, y0)) * tx;
      const bottom = at(x0, y0 + 1) + (at(x0 + 1, y0 + 1) - at(x0, y0 + 1)) * tx;
      return top + (bottom - top) * ty;
    };
  };
  const blotches = octave(8);
  const grain = octave(64);
  const texture = new Float32Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      texture[y * size + x] = blotches(x, y) * 0.7 + grain(x, y) * 0.3 - 0.5 + (rng.next() - 0.5) * 0.15;
    }
  }
  return texture;
}

/**
 * Colour grading, grain and paper in one pass over the pixels: cheaper than chaining sharp
 * pipelines, and the order of operations is ours to choose.
 */
function grade(
  image: RgbImage,
  look: RasterLook,
  seed: number,
  fine: boolean,
  glow: Buffer | null = null,
): void {
  const grain = fine ? look.grain * 255 : 0;
  const tile = 128;
  const noise = new Float32Array(tile * tile);
  if (grain > 0) {
    const rng = createRng(seed);
    for (let i = 0; i < noise.length; i++) noise[i] = (rng.next() + rng.next() - 1) * grain;
  }
  const paperSize = 512;
  const paper = look.paper ? paperTexture(seed, paperSize) : null;
  const { data, width, height } = image;
  const sepia = look.sepia;
  const lift = look.lift * 255;
  const keep = 1 - look.lift;
  const contrast = look.contrast;
  const saturation = look.saturation;
  const brightness = look.brightness;
  const clamp = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      let r = data[i] ?? 0;
      let g = data[i + 1] ?? 0;
      let b = data[i + 2] ?? 0;
      if (glow !== null) {
        // Screen blend: light adds to light without ever clipping harshly.
        r = 255 - ((255 - r) * (255 - (glow[i] ?? 0))) / 255;
        g = 255 - ((255 - g) * (255 - (glow[i + 1] ?? 0))) / 255;
        b = 255 - ((255 - b) * (255 - (glow[i + 2] ?? 0))) / 255;
      }
      if (look.greyscale) {
        const l = 0.299 * r + 0.587 * g + 0.114 * b;
        r = l;
        g = l;
        b = l;
      }
      if (sepia > 0) {
        const sr = 0.393 * r + 0.769 * g + 0.189 * b;
        const sg = 0.349 * r + 0.686 * g + 0.168 * b;
        const sb = 0.272 * r + 0.534 * g + 0.131 * b;
        r += (sr - r) * sepia;
        g += (sg - g) * sepia;
        b += (sb - b) * sepia;
      }
      if (saturation !== 1) {
        const l = 0.299 * r + 0.587 * g + 0.114 * b;
        r = l + (r - l) * saturation;
        g = l + (g - l) * saturation;
        b = l + (b - l) * saturation;
      }
      if (paper !== null) {
        const p = paper[(y % paperSize) * paperSize + (x % paperSize)] ?? 0;
        const k = 1 + p * 0.16;
        r = r * k * 0.99 + 2;
        g = g * k * 0.975 + 2;
        b = b * k * 0.93 + 2;
      }
      const n = grain > 0 ? (noise[(y % tile) * tile + (x % tile)] ?? 0) : 0;
      data[i] = clamp(lift + keep * ((r * brightness - 128) * contrast + 128) + n);
      data[i + 1] = clamp(lift + keep * ((g * brightness - 128) * contrast + 128) + n);
      data[i + 2] = clamp(lift + keep * ((b * brightness - 128) * contrast + 128) + n);
    }
  }
}

export interface LookOptions {
  seed: number;
  /** Full-size work gets grain and paper; previews do not. */
  fine: boolean;
}

/**
 * Blur, bloom and grading of a finished raster: what a style does after drawing, and all that
 * Restyle does to someone else's picture.
 */
export async function applyLook(image: RgbImage, look: RasterLook, options: LookOptions): Promise<RgbImage> {
  const { width, height } = image;
  const longSide = Math.max(width, height);
  if (look.pixelArt) {
    const block = pixelBlock(longSide);
    const small = await transformRgb(image, {
      resize: {
        width: Math.max(1, Math.round(width / block)),
        height: Math.max(1, Math.round(height / block)),
        kernel: 'cubic',
      },
    });
    return pixelArt(small, look, options.seed, width, height);
  }
  let out = image;
  const blur = look.blur * longSide;
  if (blur >= 0.3) out = await transformRgb(out, { blur });
  else out = { ...out, data: Buffer.from(out.data) };
  const glow = look.bloom === null ? null : await bloomOf(out, look.bloom, longSide);
  grade(out, look, options.seed, options.fine, glow);
  return out;
}

const bloomOf = async (image: RgbImage, bloom: { radius: number; strength: number }, longSide: number) =>
  (
    await transformRgb(image, {
      blur: Math.max(0.3, bloom.radius * longSide),
      linear: { a: bloom.strength, b: 0 },
    })
  ).data;

async function pixelArt(small: RgbImage, look: RasterLook, seed: number, width: number, height: number) {
  grade(small, look, seed, false);
  const quantised = await quantiseRgb(small, PIXEL_ART_COLOURS);
  return transformRgb(quantised, { resize: { width, height, kernel: 'nearest' } });
}

export async function rasterize(request: RasterRequest): Promise<Buffer> {
  const { look, width, height } = request;
  const longSide = Math.max(width, height);
  const fine = width === request.sceneWidth;

  if (look.pixelArt) {
    const block = pixelBlock(longSide);
    const small = await render(
      request,
      Math.max(1, Math.round(width / block)),
      Math.max(1, Math.round(height / block)),
    );
    const image = await pixelArt(small, look, request.seed, width, height);
    return encodeRgb(image, request.format, { paletteColours: PIXEL_ART_COLOURS });
  }

  const scale = fine ? look.renderScale : 1;
  let image = await render(request, Math.round(width * scale), Math.round(height * scale));
  const blur = look.blur * longSide;
  if (scale !== 1 || blur >= 0.3) {
    image = await transformRgb(image, {
      ...(scale !== 1 ? { resize: { width, height, kernel: 'cubic' as const } } : {}),
      blur,
    });
  }
  const glow = look.bloom === null ? null : await bloomOf(image, look.bloom, longSide);
  grade(image, look, request.seed, fine, glow);
  return encodeRgb(image, request.format);
}
