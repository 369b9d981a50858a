import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useElementSize } from '../../hooks/use-element-size';
import type { Point, Size, ViewTransform } from './editor-context';
import {
  actualSizeView,
  clampView,
  fitAreaView,
  fitView,
  panBy,
  pinchView,
  toBox,
  toPicture,
  wheelFactor,
  zoomAt,
  type Area,
  type View,
} from './viewport';

/** A button zoom step. */
const ZOOM_STEP = 1.25;

export interface Viewport {
  view: View;
  fitted: boolean;
  box: Size;
  transform: ViewTransform;
  fit: () => void;
  /**
   * Fits `area` (picture pixels; it may reach outside the picture) instead of the picture, from now
   * until the picture's size changes or null is given back; zooms to it at once.
   */
  fitArea: (area: Area | null) => void;
  actualSize: () => void;
  zoomBy: (factor: number) => void;
  /** True while space is held: drags pan whatever the tool. */
  spaceHeld: boolean;
}

interface Options {
  /** The left button (one finger) belongs to a tool (brush, crop): only space, middle button or two fingers pan. */
  leftButtonTaken: boolean;
}

/**
 * Fit, 100 %, wheel and pinch zoom about the pointer, and pan (drag with the left button when no
 * tool takes it, with space held, with the middle button, or with two fingers), for the element
 * `boxRef` showing a picture of `picture` size. The view fits again whenever the picture's size
 * changes (a crop, a turn) or, while fitted, the element's size does.
 */
export function useViewport(
  boxRef: RefObject<HTMLDivElement | null>,
  picture: Size,
  { leftButtonTaken }: Options,
): Viewport {
  const box = useElementSize(boxRef);
  const [free, setFree] = useState<View | null>(null);
  const [spaceHeld, setSpaceHeld] = useState(false);
  const pictureKey = `${picture.width}x${picture.height}`;
  const [fitTarget, setFitTarget] = useState<Area | null>(null);
  const [fittedFor, setFittedFor] = useState(pictureKey);
  if (fittedFor !== pictureKey) {
    setFittedFor(pictureKey);
    setFree(null);
    setFitTarget(null);
  }
  const ready = box.width > 0 && box.height > 0;
  const view = useMemo(
    () =>
      free ??
      (!ready ? { scale: 1, x: 0, y: 0 } : fitTarget ? fitAreaView(fitTarget, box) : fitView(picture, box)),
    [free, ready, picture, box, fitTarget],
  );

  // What the event listeners (attached once) read.
  const state = useRef({ view, picture, box, leftButtonTaken, spaceHeld });
  useLayoutEffect(() => {
    state.current = { view, picture, box, leftButtonTaken, spaceHeld };
  });

  const update = useCallback((next: View) => {
    const { picture: p, box: b } = state.current;
    setFree(clampView(next, p, b));
  }, []);

  const centre = () => ({ x: state.current.box.width / 2, y: state.current.box.height / 2 });
  const fit = useCallback(() => setFree(null), []);
  const fitArea = useCallback((area: Area | null) => {
    setFitTarget(area);
    setFree(null);
  }, []);
  const actualSize = useCallback(() => update(actualSizeView(state.current.view, centre())), [update]);
  const zoomBy = useCallback(
    (factor: number) => update(zoomAt(state.current.view, factor, centre())),
    [update],
  );

  // Space held: pan mode, shown by the cursor.
  useEffect(() => {
    const down = (event: KeyboardEvent) => {
      if (event.code !== 'Space' || event.repeat) return;
      const target = event.target as HTMLElement | null;
      const inControl = target?.closest('input, textarea, select, button, [role="slider"]');
      if (inControl || target?.isContentEditable) return;
      event.preventDefault();
      setSpaceHeld(true);
    };
    const up = (event: KeyboardEvent) => {
      if (event.code === 'Space') setSpaceHeld(false);
    };
    const blur = () => setSpaceHeld(false);
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', blur);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', blur);
    };
  }, []);

  // Pointer and wheel, on the element itself (non-passive, so the page never scrolls or zooms).
  useEffect(() => {
    const element = boxRef.current;
    if (!element) return;
    const pointers = new Map<number, Point>();
    let panning: { id: number; last: Point } | null = null;
    let pinch: [Point, Point] | null = null;
    const local = (event: PointerEvent | WheelEvent): Point => {
      const rect = element.getBoundingClientRect();
      return { x: event.clientX - rect.left, y: event.clientY - rect.top };
    };

    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      // Trackpad pinch arrives as a wheel with ctrlKey; a plain wheel zooms too (no page to scroll).
      update(zoomAt(state.current.view, wheelFactor(event.deltaY, event.deltaMode), local(event)));
    };
    const onPointerDown = (event: PointerEvent) => {
      const point = local(event);
      if (event.pointerType === 'touch') {
        pointers.set(event.pointerId, point);
        if (pointers.size === 2) {
          const [a, b] = [...pointers.values()] as [Point, Point];
          pinch = [a, b];
          panning = null;
          return;
        }
      }
      const { leftButtonTaken: taken, spaceHeld: space } = state.current;
      // Controls on the picture (the crop frame, the compare handle) keep their presses.
      const onControl = (event.target as Element | null)?.closest?.('[data-viewport-ignore]');
      if (onControl && event.button !== 1) return;
      const pans = event.button === 1 || space || (event.button === 0 && !taken);
      if (!pans) return;
      event.preventDefault();
      element.setPointerCapture?.(event.pointerId);
      panning = { id: event.pointerId, last: point };
    };
    const onPointerMove = (event: PointerEvent) => {
      const point = local(event);
      if (pointers.has(event.pointerId) && pinch) {
        pointers.set(event.pointerId, point);
        const [a, b] = [...pointers.values()] as [Point, Point];
        update(pinchView(state.current.view, pinch, [a, b]));
        pinch = [a, b];
        return;
      }
      if (pointers.has(event.pointerId)) pointers.set(event.pointerId, point);
      if (!panning || panning.id !== event.pointerId) return;
      update(panBy(state.current.view, point.x - panning.last.x, point.y - panning.last.y));
      panning.last = point;
    };
    const onPointerEnd = (event: PointerEvent) => {
      pointers.delete(event.pointerId);
      if (pointers.size < 2) pinch = null;
      if (panning?.id === event.pointerId) panning = null;
    };
    const onAuxClick = (event: MouseEvent) => {
      if (event.button === 1) event.preventDefault();
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    element.addEventListener('pointerdown', onPointerDown);
    element.addEventListener('pointermove', onPointerMove);
    element.addEventListener('pointerup', onPointerEnd);
    element.addEventListener('pointercancel', onPointerEnd);
    element.addEventListener('auxclick', onAuxClick);
    return () => {
      element.removeEventListener('wheel', onWheel);
      element.removeEventListener('pointerdown', onPointerDown);
      element.removeEventListener('pointermove', onPointerMove);
      element.removeEventListener('pointerup', onPointerEnd);
      element.removeEventListener('pointercancel', onPointerEnd);
      element.removeEventListener('auxclick', onAuxClick);
    };
  }, [boxRef, update]);

  const transform = useMemo<ViewTransform>(() => {
    const origin = () => {
      const rect = boxRef.current?.getBoundingClientRect();
      return { x: rect?.left ?? 0, y: rect?.top ?? 0 };
    };
    return {
      scale: view.scale,
      imageToScreen: (point) => {
        const o = origin();
        const p = toBox(view, point);
        return { x: p.x + o.x, y: p.y + o.y };
      },
      screenToImage: (point) => {
        const o = origin();
        return toPicture(view, { x: point.x - o.x, y: point.y - o.y });
      },
    };
  }, [boxRef, view]);

  return {
    view,
    fitted: free === null,
    box,
    transform,
    fit,
    fitArea,
    actualSize,
    zoomBy,
    spaceHeld,
  };
}

export { ZOOM_STEP };
