import { adjustPixels } from '@atelier/image-edits';
import { invert } from '../geometry-plan';
import { canvasPlacement, planCanvas, type Frame, type PreviewRenderer, type Sigmas } from './frame';

/** The fallback draws smaller: its colour pass runs on the CPU. */
const MAX_FALLBACK_SIDE = 1600;

/**
 * The preview without WebGL2: the same geometry through the 2D canvas's transform, the blur by the
 * canvas filter, and the colour formula in JavaScript (the server's own code) over the pixels.
 * Slower than the GPU, so it draws at most 1600 px on the long side. Sharpen is not shown.
 */
export function createCanvasRenderer(
  canvas: HTMLCanvasElement,
  sigmasFor: (frame: Frame) => Sigmas,
): PreviewRenderer | null {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  let source: { bitmap: ImageBitmap; natural: { width: number; height: number } } | null = null;
  let lastFrame: Frame | null = null;

  const render = (frame: Frame) => {
    if (!source) return;
    lastFrame = frame;
    // The whole picture: its colour formula reads the whole frame (the vignette), and it is small.
    const plan = planCanvas({ ...frame, area: null }, 0, MAX_FALLBACK_SIDE);
    const { scale } = plan;
    const { width, height } = plan.full;
    Object.assign(canvas.style, canvasPlacement(plan));
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    const { bitmap, natural } = source;
    const [a, b, c, d, e, f] = invert(frame.toSource);
    // Canvas pixels ← picture pixels ← source pixels ← bitmap pixels.
    const bx = natural.width / bitmap.width;
    const by = natural.height / bitmap.height;
    const sigmas = sigmasFor(frame);
    const splitX = frame.splitX === null ? 0 : Math.max(0, Math.min(width, Math.round(frame.splitX * scale)));
    const draw = (filter: string) => {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, width, height);
      ctx.setTransform(scale * a * bx, scale * d * bx, scale * b * by, scale * e * by, scale * c, scale * f);
      ctx.filter = filter;
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(bitmap, 0, 0);
      ctx.filter = 'none';
      ctx.setTransform(1, 0, 0, 1, 0, 0);
    };
    draw('none');
    // The compare split's left part: the picture before any adjustment (blur included).
    const before = splitX > 0 ? ctx.getImageData(0, 0, splitX, height) : null;
    if (splitX >= width) return;
    if (sigmas.blur > 0) draw(`blur(${sigmas.blur * scale}px)`);
    const pixels = ctx.getImageData(0, 0, width, height);
    adjustPixels(new Uint8Array(pixels.data.buffer), width, height, 4, frame.adjustments);
    ctx.putImageData(pixels, 0, 0);
    if (before) ctx.putImageData(before, 0, 0);
  };

  return {
    kind: 'canvas2d',
    setSource: (bitmap, natural) => {
      source = { bitmap, natural };
    },
    render,
    toBlob: () =>
      new Promise<Blob>((resolve, reject) => {
        if (lastFrame) render(lastFrame);
        canvas.toBlob(
          (blob) => (blob ? resolve(blob) : reject(new Error('The preview could not be read'))),
          'image/png',
        );
      }),
    dispose: () => {
      source = null;
    },
  };
}
