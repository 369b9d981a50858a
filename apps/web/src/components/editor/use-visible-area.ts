import { useMemo } from 'react';
import type { Size } from './editor-context';
import { visibleArea, visibleAreaStep, type Area, type View } from './viewport';

/**
 * The part of the picture the preview must draw: null while it all shows; zoomed in, the part on
 * screen, snapped to a grid (`visibleAreaStep`) and kept as the same object until it changes, so
 * a small pan redraws nothing.
 */
export function useVisibleArea(viewport: { view: View; box: Size }, picture: Size): Area | null {
  const { view, box } = viewport;
  const visible = visibleArea(view, picture, box, visibleAreaStep(view, box));
  const whole = visible.width >= picture.width && visible.height >= picture.height;
  const { x, y, width, height } = visible;
  const shown = whole || box.width === 0 || box.height === 0;
  return useMemo(() => (shown ? null : { x, y, width, height }), [shown, x, y, width, height]);
}
