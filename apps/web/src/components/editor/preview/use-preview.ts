import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { MAX_SIDE } from '@atelier/image-edits';
import type { EditorImage } from '../editor-context';
import { ADJUST_STAGE, sigmasFor } from './adjust-stage';
import { createCanvasRenderer } from './canvas-renderer';
import type { Frame, PreviewRenderer } from './frame';
import { createWebglRenderer } from './webgl-renderer';

export type PreviewStatus =
  | { state: 'loading' }
  | { state: 'ready'; renderer: PreviewRenderer['kind'] }
  | { state: 'error'; message: string };

async function loadBitmap(url: string): Promise<ImageBitmap> {
  const image = new Image();
  image.crossOrigin = 'anonymous';
  image.decoding = 'async';
  image.src = url;
  await image.decode();
  const { naturalWidth: width, naturalHeight: height } = image;
  const shrink = Math.min(1, MAX_SIDE / Math.max(width, height));
  if (shrink === 1) return createImageBitmap(image);
  return createImageBitmap(image, {
    resizeWidth: Math.round(width * shrink),
    resizeHeight: Math.round(height * shrink),
    resizeQuality: 'high',
  });
}

function makeCanvas(host: HTMLElement): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.className = 'editor-canvas';
  canvas.setAttribute('aria-hidden', 'true');
  host.replaceChildren(canvas);
  return canvas;
}

/** WebGL2 when the browser has it (and the shaders build), else the 2D canvas. */
function createRenderer(host: HTMLElement): PreviewRenderer | null {
  try {
    const gpu = createWebglRenderer(makeCanvas(host), ADJUST_STAGE, sigmasFor);
    if (gpu) return gpu;
  } catch (error) {
    console.warn('WebGL2 preview unavailable, drawing with the 2D canvas', error);
  }
  // A fresh canvas: one that handed out a WebGL context cannot give a 2D one.
  return createCanvasRenderer(makeCanvas(host), sigmasFor);
}

/**
 * Draws `frame` into a canvas inside `host`: the source is decoded and uploaded once, then each
 * change of the frame draws once, on the next animation frame (a slider dragged faster than the
 * screen refreshes costs one draw per refresh).
 */
export function usePreview(host: RefObject<HTMLDivElement | null>, image: EditorImage, frame: Frame) {
  // The status of the picture at `url`; another url is loading until its own answer comes.
  const [loaded, setLoaded] = useState<{ url: string; status: PreviewStatus } | null>(null);
  const { url, width, height } = image;
  const status: PreviewStatus = loaded?.url === url ? loaded.status : { state: 'loading' };
  const renderer = useRef<PreviewRenderer | null>(null);
  const latest = useRef(frame);
  useLayoutEffect(() => {
    latest.current = frame;
  });
  const pending = useRef(0);
  // Bumped when the GPU gives the context back after losing it (driver reset, too many tabs).
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    let cancelled = false;
    const made = createRenderer(element);
    const canvas = element.querySelector('canvas');
    const onLost = (event: Event) => event.preventDefault();
    const onRestored = () => setGeneration((n) => n + 1);
    canvas?.addEventListener('webglcontextlost', onLost);
    canvas?.addEventListener('webglcontextrestored', onRestored);
    renderer.current = made;
    const ready = made ? loadBitmap(url) : Promise.reject(new Error('no canvas'));
    ready
      .then((bitmap) => {
        if (cancelled || !made) return;
        made.setSource(bitmap, { width, height });
        made.render(latest.current);
        setLoaded({ url, status: { state: 'ready', renderer: made.kind } });
      })
      .catch(() => {
        if (cancelled) return;
        const message = made
          ? 'The image could not be loaded. Check the connection and reload.'
          : 'This browser cannot draw the preview (no canvas support).';
        setLoaded({ url, status: { state: 'error', message } });
      });
    return () => {
      cancelled = true;
      canvas?.removeEventListener('webglcontextlost', onLost);
      canvas?.removeEventListener('webglcontextrestored', onRestored);
      cancelAnimationFrame(pending.current);
      made?.dispose();
      renderer.current = null;
    };
  }, [host, url, width, height, generation]);

  useEffect(() => {
    if (status.state !== 'ready') return;
    cancelAnimationFrame(pending.current);
    pending.current = requestAnimationFrame(() => {
      const started = performance.now();
      renderer.current?.render(latest.current);
      const canvas = host.current?.querySelector('canvas');
      // Read by the e2e frame-time check and bench/editor-frames (CPU side; the GPU's share shows
      // in the next readback), which also counts the frames drawn.
      if (canvas) {
        canvas.dataset.frameMs = (performance.now() - started).toFixed(1);
        canvas.dataset.frames = String(Number(canvas.dataset.frames ?? 0) + 1);
      }
    });
  }, [frame, status.state, host]);

  /** The picture at its own pixels (up to the preview's largest side), without the compare split. */
  const toBlob = useCallback(() => {
    const current = renderer.current;
    if (!current) return Promise.reject(new Error('The preview is not ready yet'));
    current.render({ ...latest.current, splitX: null, resolution: 1, area: null });
    const blob = current.toBlob();
    requestAnimationFrame(() => renderer.current?.render(latest.current));
    return blob;
  }, []);

  return { status, toBlob };
}
