import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { Size } from './editor-context';
import { HANDLES, moveCrop, resizeCrop, roundCrop, type Handle, type Rect } from './crop-rect';
import { toBox, type View } from './viewport';

interface CropOverlayProps {
  rect: Rect;
  picture: Size;
  view: View;
  ratio: number | null;
  onChange: (rect: Rect) => void;
}

type Drag = { pointer: number; handle: Handle | 'move'; start: Rect; x: number; y: number };

/**
 * The crop frame over the picture: drag inside to move it, drag a handle to resize it (keeping the
 * chosen ratio), arrow keys move it (with Shift, resize it); Enter and Esc are the editor's keys. Drawn in
 * screen pixels so the handles keep their size at any zoom.
 */
export function CropOverlay({ rect, picture, view, ratio, onChange }: CropOverlayProps) {
  const drag = useRef<Drag | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  const topLeft = toBox(view, { x: rect.x, y: rect.y });
  const shown = roundCrop(rect, picture);

  const onPointerDown = (event: PointerEvent<HTMLElement>) => {
    if (event.button !== 0) return;
    // The frame takes the press: the viewport must not pan.
    event.stopPropagation();
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    const handle = (event.currentTarget.dataset.handle as Handle | undefined) ?? 'move';
    // Keyboard use goes on from where the pointer left it (preventDefault kept focus away).
    frame.current?.focus({ preventScroll: true });
    drag.current = { pointer: event.pointerId, handle, start: rect, x: event.clientX, y: event.clientY };
  };
  const onPointerMove = (event: PointerEvent<HTMLElement>) => {
    const current = drag.current;
    if (!current || current.pointer !== event.pointerId) return;
    const dx = (event.clientX - current.x) / view.scale;
    const dy = (event.clientY - current.y) / view.scale;
    onChange(
      current.handle === 'move'
        ? moveCrop(current.start, dx, dy, picture)
        : resizeCrop(current.start, current.handle, dx, dy, picture, ratio),
    );
  };
  const onPointerUp = (event: PointerEvent<HTMLElement>) => {
    if (drag.current?.pointer === event.pointerId) drag.current = null;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // 10 screen pixels a press, 1 with Alt, whatever the zoom.
    const step = (event.altKey ? 1 : 10) / view.scale;
    const arrows: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    };
    const arrow = arrows[event.key];
    if (arrow) {
      event.preventDefault();
      const [dx, dy] = [arrow[0] * step, arrow[1] * step];
      onChange(
        event.shiftKey ? resizeCrop(rect, 'se', dx, dy, picture, ratio) : moveCrop(rect, dx, dy, picture),
      );
    }
  };

  return (
    <div
      ref={frame}
      className="crop-frame"
      data-viewport-ignore=""
      role="group"
      tabIndex={0}
      aria-label={`Crop frame, ${shown.width} by ${shown.height} pixels. Arrows move it, Shift with arrows resizes it, Enter applies, Escape cancels.`}
      style={{
        left: topLeft.x,
        top: topLeft.y,
        width: rect.width * view.scale,
        height: rect.height * view.scale,
      }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    >
      <span className="crop-grid" aria-hidden="true" />
      {HANDLES.map((handle) => (
        <span
          key={handle}
          className={`crop-handle crop-handle-${handle}`}
          data-handle={handle}
          aria-hidden="true"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
        />
      ))}
      <span className="crop-size" aria-hidden="true">
        {shown.width} × {shown.height}
      </span>
    </div>
  );
}
