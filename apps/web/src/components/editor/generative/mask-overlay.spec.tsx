// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ViewTransform } from '../editor-context';
import { rasterizeMask } from './mask';
import { MaskOverlay } from './mask-overlay';
import { MaskSession } from './mask-session';
import { paintedBox } from './mask-testing';

/** A portrait picture shown at 37 % with its corner at (113, 57) on screen. */
const SCALE = 0.37;
const view: ViewTransform = {
  scale: SCALE,
  imageToScreen: ({ x, y }) => ({ x: 113 + x * SCALE, y: 57 + y * SCALE }),
  screenToImage: ({ x, y }) => ({ x: (x - 113) / SCALE, y: (y - 57) / SCALE }),
};
const screenOf = (x: number, y: number) => {
  const at = view.imageToScreen({ x, y });
  return { clientX: at.x, clientY: at.y };
};

function setup() {
  const session = new MaskSession({ width: 768, height: 1344 });
  session.view = view;
  session.setBrush({ size: 120, hardness: 1 });
  render(<MaskOverlay session={session} />);
  return { session, overlay: screen.getByRole('img', { name: /^Mask/ }) };
}

beforeEach(() => {
  // jsdom draws nothing; the raster behind the canvas is what is checked.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

describe('the mask overlay', () => {
  it('records a click in picture pixels through the view, and the dot is round in the uploaded mask', () => {
    const { session, overlay } = setup();
    fireEvent.pointerDown(overlay, { button: 0, pointerId: 1, pointerType: 'mouse', ...screenOf(384, 900) });
    fireEvent.pointerUp(overlay, { pointerId: 1, pointerType: 'mouse', ...screenOf(384, 900) });
    const { steps } = session.getSnapshot();
    expect(steps).toHaveLength(1);
    const [stroke] = steps;
    expect(stroke).toMatchObject({ type: 'stroke', mode: 'paint', size: 120 });
    const [x, y] = stroke!.type === 'stroke' ? stroke!.points[0]! : [0, 0];
    expect(Math.abs(x - 384)).toBeLessThan(0.2);
    expect(Math.abs(y - 900)).toBeLessThan(0.2);

    const box = paintedBox(rasterizeMask(steps, 768, 1344), 768);
    expect(Math.abs(box.width - box.height)).toBeLessThanOrEqual(1);
    expect(Math.abs(box.width - 120)).toBeLessThanOrEqual(1);
    expect(overlay.getAttribute('aria-label')).toMatch(/^Mask: 1 stroke, \d+ % of the picture$/);
  });

  it('follows a drag, and shows the brush as a circle of the brush’s size over the picture', () => {
    const { session, overlay } = setup();
    fireEvent.pointerMove(overlay, { pointerId: 1, pointerType: 'mouse', ...screenOf(100, 100) });
    const cursor = screen.getByTestId('brush-cursor');
    // Percentages of the overlay box, which is the picture's size: 120 px across and down.
    expect(parseFloat(cursor.style.width) * 7.68).toBeCloseTo(120, 5);
    expect(parseFloat(cursor.style.height) * 13.44).toBeCloseTo(120, 5);
    expect(parseFloat(cursor.style.left) * 7.68).toBeCloseTo(40, 5);

    fireEvent.pointerDown(overlay, { button: 0, pointerId: 1, pointerType: 'pen', ...screenOf(100, 100) });
    fireEvent.pointerMove(overlay, { pointerId: 1, pointerType: 'pen', ...screenOf(300, 100) });
    fireEvent.pointerMove(overlay, { pointerId: 1, pointerType: 'pen', ...screenOf(300, 700) });
    fireEvent.pointerUp(overlay, { pointerId: 1, pointerType: 'pen' });
    const [stroke] = session.getSnapshot().steps;
    const points =
      stroke?.type === 'stroke' ? stroke.points.map(([px, py]) => [Math.round(px), Math.round(py)]) : [];
    expect(points).toEqual([
      [100, 100],
      [300, 100],
      [300, 700],
    ]);
    const mask = rasterizeMask(session.getSnapshot().steps, 768, 1344);
    expect(mask[400 * 768 + 300]).toBe(255);
    expect(mask[400 * 768 + 100]).toBe(0);
  });

  it('paints with one finger and drops the stroke when a second finger comes down', () => {
    const { session, overlay } = setup();
    fireEvent.pointerDown(overlay, { pointerId: 1, pointerType: 'touch', ...screenOf(200, 200) });
    fireEvent.pointerMove(overlay, { pointerId: 1, pointerType: 'touch', ...screenOf(260, 260) });
    expect(screen.queryByTestId('brush-cursor')).toBeNull();
    fireEvent.pointerDown(overlay, { pointerId: 2, pointerType: 'touch', ...screenOf(500, 500) });
    fireEvent.pointerUp(overlay, { pointerId: 1, pointerType: 'touch' });
    fireEvent.pointerUp(overlay, { pointerId: 2, pointerType: 'touch' });
    expect(session.getSnapshot().steps).toHaveLength(0);
    expect(session.preview.pixels.every((value) => value === 0)).toBe(true);

    fireEvent.pointerDown(overlay, { pointerId: 3, pointerType: 'touch', ...screenOf(200, 200) });
    fireEvent.pointerUp(overlay, { pointerId: 3, pointerType: 'touch' });
    expect(session.getSnapshot().steps).toHaveLength(1);
  });

  it('erases, inverts, clears, undoes and redoes', () => {
    const { session, overlay } = setup();
    const click = (x: number, y: number) => {
      fireEvent.pointerDown(overlay, { button: 0, pointerId: 1, pointerType: 'mouse', ...screenOf(x, y) });
      fireEvent.pointerUp(overlay, { pointerId: 1, pointerType: 'mouse' });
    };
    const at = (x: number, y: number) => rasterizeMask(session.getSnapshot().steps, 768, 1344)[y * 768 + x];
    click(300, 300);
    act(() => session.setBrush({ mode: 'erase', size: 40 }));
    click(300, 300);
    expect([at(300, 300), at(300, 350)]).toEqual([0, 255]);
    act(() => session.invert());
    expect([at(300, 300), at(300, 350), at(10, 10)]).toEqual([255, 0, 255]);
    expect(overlay.getAttribute('aria-label')).toMatch(/ 9\d % of the picture$/);
    act(() => session.undo());
    expect(at(10, 10)).toBe(0);
    expect(session.getSnapshot().canRedo).toBe(true);
    act(() => session.redo());
    expect(at(10, 10)).toBe(255);
    act(() => session.clear());
    expect(session.getSnapshot()).toMatchObject({ steps: [], canUndo: false, coverage: 0 });
    expect(overlay.getAttribute('aria-label')).toBe('Mask: 0 strokes, 0 % of the picture');
  });
});
