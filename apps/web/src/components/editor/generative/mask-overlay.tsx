import { useEffect, useRef, useState, useSyncExternalStore, type PointerEvent } from 'react';
import type { Point } from './mask';
import type { MaskSession } from './mask-session';
import './generative.css';

/** The mask's colour over the picture, and how strongly a fully masked pixel shows. */
const TINT = [255, 77, 141] as const;
const OPACITY = 0.55;

/** Copies part of the mask raster into the canvas's RGBA pixels, tinted. */
function paint(session: MaskSession, canvas: HTMLCanvasElement, image: { data: ImageData | null }) {
  const changed = session.takeChanges();
  const context = canvas.getContext('2d');
  if (!context || !changed) return;
  const { width, height, pixels } = session.preview;
  image.data ??= context.createImageData(width, height);
  const rgba = image.data.data;
  const rect = changed === 'all' ? { x: 0, y: 0, width, height } : changed;
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    for (let x = rect.x; x < rect.x + rect.width; x++) {
      const i = y * width + x;
      const o = i * 4;
      rgba[o] = TINT[0];
      rgba[o + 1] = TINT[1];
      rgba[o + 2] = TINT[2];
      rgba[o + 3] = Math.round(pixels[i]! * OPACITY);
    }
  }
  context.putImageData(image.data, 0, 0, rect.x, rect.y, rect.width, rect.height);
}

/**
 * The mask over the picture, in the editor's overlay box (the picture's size, scaled with it).
 * Pointer positions become picture pixels through the editor's view; a mouse, a pen or one finger
 * paints, and a second finger cancels the stroke (it is a pinch).
 */
export function MaskOverlay({ session }: { session: MaskSession }) {
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const canvas = useRef<HTMLCanvasElement>(null);
  const pointers = useRef(new Set<number>());
  const [cursor, setCursor] = useState<Point | null>(null);
  const { size } = session;

  useEffect(() => {
    // One redraw per frame at most, of what changed since the last.
    const drawing = { image: { data: null as ImageData | null }, frame: 0 };
    const draw = () => {
      drawing.frame = 0;
      if (canvas.current) paint(session, canvas.current, drawing.image);
    };
    session.invalidate();
    draw();
    const unsubscribe = session.subscribe(() => {
      if (!drawing.frame) drawing.frame = requestAnimationFrame(draw);
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(drawing.frame);
    };
  }, [session]);

  const toPicture = (event: PointerEvent<HTMLElement>): Point => {
    const { view } = session;
    const at = view
      ? view.screenToImage({ x: event.clientX, y: event.clientY })
      : (() => {
          const box = event.currentTarget.getBoundingClientRect();
          return {
            x: ((event.clientX - box.left) / (box.width || 1)) * size.width,
            y: ((event.clientY - box.top) / (box.height || 1)) * size.height,
          };
        })();
    return [Math.round(at.x * 10) / 10, Math.round(at.y * 10) / 10];
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    pointers.current.add(event.pointerId);
    if (pointers.current.size > 1) {
      session.cancel();
      return;
    }
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    session.begin(toPicture(event));
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const point = toPicture(event);
    if (event.pointerType !== 'touch') setCursor(point);
    if (session.drawing && pointers.current.size === 1) session.extend(point);
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    pointers.current.delete(event.pointerId);
    session.end();
  };
  const onPointerCancel = (event: PointerEvent<HTMLDivElement>) => {
    pointers.current.delete(event.pointerId);
    session.cancel();
  };

  const strokes = snapshot.steps.filter((step) => step.type === 'stroke').length;
  const brush = snapshot.brush.size;
  return (
    <div
      className="mask-overlay"
      role="img"
      aria-label={`Mask: ${strokes} ${strokes === 1 ? 'stroke' : 'strokes'}, ${Math.round(snapshot.coverage * 100)} % of the picture`}
      data-mode={snapshot.brush.mode}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerCancel}
      onPointerLeave={() => setCursor(null)}
    >
      <canvas
        ref={canvas}
        className="mask-overlay-canvas"
        width={session.preview.width}
        height={session.preview.height}
      />
      {cursor && (
        <svg
          className="mask-cursor"
          data-testid="brush-cursor"
          viewBox="0 0 2 2"
          style={{
            left: `${((cursor[0] - brush / 2) / size.width) * 100}%`,
            top: `${((cursor[1] - brush / 2) / size.height) * 100}%`,
            width: `${(brush / size.width) * 100}%`,
            height: `${(brush / size.height) * 100}%`,
          }}
        >
          <circle cx="1" cy="1" r="0.98" />
        </svg>
      )}
    </div>
  );
}
