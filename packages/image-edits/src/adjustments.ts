import { adjustmentNames, adjustmentRanges } from './limits';
import type { AdjustmentName, Adjustments, EditOperation } from './operations';

/**
 * The colour maths, twice: as JavaScript (the server runs it over the full-resolution pixels, and
 * tests pin it) and as GLSL (the browser's live preview runs it per fragment). The two follow the
 * same steps in the same order with the same constants; change one, change the other.
 *
 * The order of the whole: geometry (in list order), then blur and sharpen (neighbourhood filters,
 * see `blurSigma` and `sharpening`), then this per-pixel formula on values 0..1 in the picture's
 * own (sRGB) encoding, clamped once at the end. Alpha is left as it is.
 */

/** Every slider at its neutral value. */
export const neutralAdjustments: Adjustments = Object.fromEntries(
  adjustmentNames.map((name) => [name, adjustmentRanges[name].neutral]),
) as unknown as Adjustments;

/** The sliders the per-pixel formula reads (blur and sharpen are neighbourhood filters). */
export const perPixelAdjustments: readonly AdjustmentName[] = adjustmentNames.filter(
  (name) => name !== 'blur' && name !== 'sharpen',
);

/** The state the adjust operations leave: for each slider, the last value set wins. */
export function mergeAdjustments(operations: readonly EditOperation[]): Adjustments {
  const merged: Adjustments = { ...neutralAdjustments };
  for (const operation of operations) {
    if (operation.type !== 'adjust') continue;
    for (const name of adjustmentNames) {
      const value = operation.values[name];
      if (value !== undefined) merged[name] = value;
    }
  }
  return merged;
}

/** Whether the named sliders (all of them by default) are at their neutral values. */
export function isNeutral(
  adjustments: Partial<Adjustments>,
  names: readonly AdjustmentName[] = adjustmentNames,
): boolean {
  return names.every(
    (name) => (adjustments[name] ?? adjustmentRanges[name].neutral) === adjustmentRanges[name].neutral,
  );
}

/** Rec. 601 luma weights, the Y of YIQ. */
const LUMA_R = 0.299;
const LUMA_G = 0.587;
const LUMA_B = 0.114;

/** Per-pixel constants derived once from the sliders (the shader derives the same from its uniforms). */
export interface ColourCoefficients {
  exposure: number;
  brightness: number;
  contrast: number;
  shadows: number;
  highlights: number;
  temperature: number;
  tint: number;
  saturation: number;
  vibrance: number;
  /** Whether to rotate the hue at all: the YIQ round trip is not exactly the identity. */
  rotateHue: boolean;
  hueCos: number;
  hueSin: number;
  vignette: number;
}

export function colourCoefficients(a: Adjustments): ColourCoefficients {
  const hue = (a.hue * Math.PI) / 180;
  return {
    exposure: 2 ** a.exposure,
    brightness: a.brightness / 200,
    contrast: 1 + a.contrast / 100,
    shadows: (a.shadows / 100) * 0.5,
    highlights: (a.highlights / 100) * 0.5,
    temperature: (a.temperature / 100) * 0.1,
    tint: (a.tint / 100) * 0.1,
    saturation: 1 + a.saturation / 100,
    vibrance: a.vibrance / 100,
    rotateHue: a.hue !== 0,
    hueCos: Math.cos(hue),
    hueSin: Math.sin(hue),
    vignette: (a.vignette / 100) * 0.8,
  };
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/**
 * One pixel through the formula, written into `out` (no allocation: the server calls it for every
 * pixel). r, g, b in 0..1; x01, y01 the pixel centre's position in the frame, 0..1 from the top left.
 */
export function adjustPixelInto(
  out: Float64Array | number[],
  r: number,
  g: number,
  b: number,
  x01: number,
  y01: number,
  k: ColourCoefficients,
): void {
  // 1. exposure: ×2^stops
  r *= k.exposure;
  g *= k.exposure;
  b *= k.exposure;
  // 2. brightness: an offset
  r += k.brightness;
  g += k.brightness;
  b += k.brightness;
  // 3. contrast: around mid-grey
  r = (r - 0.5) * k.contrast + 0.5;
  g = (g - 0.5) * k.contrast + 0.5;
  b = (b - 0.5) * k.contrast + 0.5;
  // 4. shadows and highlights: lift or lower, weighted by luma
  let l = clamp01(LUMA_R * r + LUMA_G * g + LUMA_B * b);
  const tone = k.shadows * (1 - l) * (1 - l) + k.highlights * l * l;
  r += tone;
  g += tone;
  b += tone;
  // 5. temperature: red against blue
  r += k.temperature;
  b -= k.temperature;
  // 6. tint: magenta (red and blue) against green
  r += k.tint * 0.5;
  g -= k.tint;
  b += k.tint * 0.5;
  // 7. saturation: away from (or towards) the pixel's luma
  l = LUMA_R * r + LUMA_G * g + LUMA_B * b;
  r = l + (r - l) * k.saturation;
  g = l + (g - l) * k.saturation;
  b = l + (b - l) * k.saturation;
  // 8. vibrance: saturation that spares the already colourful (luma is unchanged by step 7)
  const chroma = clamp01(Math.max(r, g, b) - Math.min(r, g, b));
  const vibrance = 1 + k.vibrance * (1 - chroma);
  r = l + (r - l) * vibrance;
  g = l + (g - l) * vibrance;
  b = l + (b - l) * vibrance;
  // 9. hue: rotate the chroma plane of YIQ
  if (k.rotateHue) {
    const y = LUMA_R * r + LUMA_G * g + LUMA_B * b;
    const i = 0.596 * r - 0.274 * g - 0.322 * b;
    const q = 0.211 * r - 0.523 * g + 0.312 * b;
    const i2 = i * k.hueCos - q * k.hueSin;
    const q2 = i * k.hueSin + q * k.hueCos;
    r = y + 0.956 * i2 + 0.621 * q2;
    g = y - 0.272 * i2 - 0.647 * q2;
    b = y - 1.106 * i2 + 1.703 * q2;
  }
  // 10. vignette: darker with the squared distance from the centre (1 at the corners)
  const dx = x01 - 0.5;
  const dy = y01 - 0.5;
  const shade = 1 - k.vignette * (dx * dx + dy * dy) * 2;
  out[0] = clamp01(r * shade);
  out[1] = clamp01(g * shade);
  out[2] = clamp01(b * shade);
}

/** The formula for one pixel, for tests and one-off use. */
export function adjustRgb(
  r: number,
  g: number,
  b: number,
  x01: number,
  y01: number,
  adjustments: Adjustments,
): [number, number, number] {
  const out = [0, 0, 0];
  adjustPixelInto(out, r, g, b, x01, y01, colourCoefficients(adjustments));
  return [out[0]!, out[1]!, out[2]!];
}

/**
 * Runs the formula over interleaved 8-bit pixels in place (`channels` 3 or 4; a fourth, alpha, is
 * kept), over rows `fromRow` to `toRow` (all by default, so a caller can work in bands and let
 * other work run between them). Does nothing when every per-pixel slider is neutral.
 */
export function adjustPixels(
  data: Uint8Array,
  width: number,
  height: number,
  channels: number,
  adjustments: Adjustments,
  fromRow = 0,
  toRow = height,
): void {
  if (isNeutral(adjustments, perPixelAdjustments)) return;
  const k = colourCoefficients(adjustments);
  const out = new Float64Array(3);
  const inv = 1 / 255;
  let offset = fromRow * width * channels;
  for (let y = fromRow; y < toRow; y++) {
    const y01 = (y + 0.5) / height;
    for (let x = 0; x < width; x++) {
      adjustPixelInto(
        out,
        data[offset]! * inv,
        data[offset + 1]! * inv,
        data[offset + 2]! * inv,
        (x + 0.5) / width,
        y01,
        k,
      );
      data[offset] = Math.round(out[0]! * 255);
      data[offset + 1] = Math.round(out[1]! * 255);
      data[offset + 2] = Math.round(out[2]! * 255);
      offset += channels;
    }
  }
}

/**
 * The Gaussian blur's sigma in pixels for the blur slider, or null for none. Relative to the
 * picture's short side, so the browser's smaller preview and the full-size result look alike.
 */
export function blurSigma(value: number, shortSide: number): number | null {
  if (value <= 0) return null;
  return Math.max(0.3, (value / 100) * shortSide * 0.02);
}

/**
 * The sharpen slider as an unsharp mask: a Gaussian of `sigma` pixels (relative to the short side,
 * at least half a pixel) and a strength `amount` (0..3). The server passes them to sharp's
 * `sharpen({ sigma, m1: amount, m2: amount })`; the preview does c + amount·(c − blur(c, sigma)).
 */
export function sharpening(value: number, shortSide: number): { sigma: number; amount: number } | null {
  if (value <= 0) return null;
  return { sigma: Math.max(0.5, shortSide * 0.0005), amount: (value / 100) * 3 };
}

/**
 * The same formula as `adjustPixelInto`, for a fragment shader (GLSL ES 1.00 and 3.00). Set each
 * uniform to its slider's value as is (the shader derives the coefficients the same way as
 * `colourCoefficients`); call `adjustRgb(colour.rgb, uv)` with uv 0..1 across the frame.
 */
export const ADJUST_GLSL = /* glsl */ `
uniform float u_exposure;
uniform float u_brightness;
uniform float u_contrast;
uniform float u_shadows;
uniform float u_highlights;
uniform float u_temperature;
uniform float u_tint;
uniform float u_saturation;
uniform float u_vibrance;
uniform float u_hue;
uniform float u_vignette;

const vec3 ATELIER_LUMA = vec3(0.299, 0.587, 0.114);

vec3 adjustRgb(vec3 c, vec2 uv) {
  // 1. exposure: x2^stops
  c *= exp2(u_exposure);
  // 2. brightness: an offset
  c += u_brightness / 200.0;
  // 3. contrast: around mid-grey
  c = (c - 0.5) * (1.0 + u_contrast / 100.0) + 0.5;
  // 4. shadows and highlights: lift or lower, weighted by luma
  float l = clamp(dot(c, ATELIER_LUMA), 0.0, 1.0);
  c += (u_shadows / 100.0) * 0.5 * (1.0 - l) * (1.0 - l) + (u_highlights / 100.0) * 0.5 * l * l;
  // 5. temperature: red against blue
  float temperature = (u_temperature / 100.0) * 0.1;
  c.r += temperature;
  c.b -= temperature;
  // 6. tint: magenta (red and blue) against green
  float tint = (u_tint / 100.0) * 0.1;
  c += vec3(tint * 0.5, -tint, tint * 0.5);
  // 7. saturation: away from (or towards) the pixel's luma
  l = dot(c, ATELIER_LUMA);
  c = l + (c - l) * (1.0 + u_saturation / 100.0);
  // 8. vibrance: saturation that spares the already colourful
  float chroma = clamp(max(c.r, max(c.g, c.b)) - min(c.r, min(c.g, c.b)), 0.0, 1.0);
  c = l + (c - l) * (1.0 + (u_vibrance / 100.0) * (1.0 - chroma));
  // 9. hue: rotate the chroma plane of YIQ
  if (u_hue != 0.0) {
    float angle = radians(u_hue);
    float hc = cos(angle);
    float hs = sin(angle);
    float y = dot(c, ATELIER_LUMA);
    float i = dot(c, vec3(0.596, -0.274, -0.322));
    float q = dot(c, vec3(0.211, -0.523, 0.312));
    float i2 = i * hc - q * hs;
    float q2 = i * hs + q * hc;
    c = vec3(y + 0.956 * i2 + 0.621 * q2, y - 0.272 * i2 - 0.647 * q2, y - 1.106 * i2 + 1.703 * q2);
  }
  // 10. vignette: darker with the squared distance from the centre (1 at the corners)
  vec2 d = uv - 0.5;
  c *= 1.0 - (u_vignette / 100.0) * 0.8 * dot(d, d) * 2.0;
  return clamp(c, 0.0, 1.0);
}
`;
