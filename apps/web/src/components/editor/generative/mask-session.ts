/*
 * The mask being painted in the editor: its steps (with undo and redo), the brush, and a small
 * raster the overlay shows. Kept outside React so a brush stroke redraws only the overlay's canvas,
 * never the editor around it; the panel and the overlay both subscribe.
 */
import type { Size, ViewTransform } from '../editor-context';
import {
  applySegment,
  applyStep,
  brushRange,
  coverage,
  createRaster,
  farEnough,
  maskFile,
  type BrushMode,
  type DirtyRect,
  type MaskRaster,
  type MaskStep,
  type MaskStroke,
  type Point,
} from './mask';

/** The preview's longer side: enough for a crisp overlay, small enough to redraw on every move. */
export const PREVIEW_MAX_SIDE = 1024;

export interface Brush {
  mode: BrushMode;
  /** Diameter in picture pixels. */
  size: number;
  /** 0 (soft) – 1 (hard). */
  hardness: number;
}

export interface MaskSnapshot {
  steps: readonly MaskStep[];
  brush: Brush;
  canUndo: boolean;
  canRedo: boolean;
  /** Share of the picture marked for change, 0–1. */
  coverage: number;
}

export class MaskSession {
  readonly preview: MaskRaster;
  /** The editor's current view, for turning pointer positions into picture pixels. */
  view: ViewTransform | null = null;
  /** Where the overlay must redraw the preview since it last looked ('all' after undo, invert…). */
  private changed: DirtyRect | 'all' | null = 'all';

  private steps: MaskStep[] = [];
  private undone: MaskStep[] = [];
  private live: MaskStroke | null = null;
  private listeners = new Set<() => void>();
  private state: MaskSnapshot;

  constructor(readonly size: Size) {
    this.preview = createRaster(size.width, size.height, PREVIEW_MAX_SIDE);
    const range = brushRange(size.width, size.height);
    this.state = {
      steps: [],
      brush: { mode: 'paint', size: range.initial, hardness: 0.8 },
      canUndo: false,
      canRedo: false,
      coverage: 0,
    };
  }

  get range() {
    return brushRange(this.size.width, this.size.height);
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): MaskSnapshot => this.state;

  setView(view: ViewTransform) {
    this.view = view;
  }

  /** What changed on the preview since the last call (and forgets it). */
  takeChanges(): DirtyRect | 'all' | null {
    const changed = this.changed;
    this.changed = null;
    return changed;
  }

  /** The next takeChanges() answers 'all' (a new canvas to fill). */
  invalidate() {
    this.changed = 'all';
  }

  get drawing(): boolean {
    return this.live !== null;
  }

  setBrush(patch: Partial<Brush>) {
    this.state = { ...this.state, brush: { ...this.state.brush, ...patch } };
    this.notify();
  }

  /** Starts a stroke at a picture point with the current brush. */
  begin(point: Point) {
    const { mode, size, hardness } = this.state.brush;
    this.live = { type: 'stroke', mode, size, hardness, points: [point] };
    this.mark(applySegment(this.preview, this.live, point, point));
    this.notify();
  }

  extend(point: Point) {
    const live = this.live;
    if (!live) return;
    const last = live.points[live.points.length - 1];
    if (!last || !farEnough(last, point, live.size)) return;
    this.live = { ...live, points: [...live.points, point] };
    this.mark(applySegment(this.preview, this.live, last, point));
    this.notify();
  }

  end() {
    const live = this.live;
    if (!live) return;
    this.live = null;
    // Already on the preview, segment by segment.
    this.commit([...this.steps, live], true);
  }

  /** Drops the stroke in progress (a second finger came down: that is a pinch, not paint). */
  cancel() {
    if (!this.live) return;
    this.live = null;
    this.redraw();
  }

  invert() {
    this.commit([...this.steps, { type: 'invert' }]);
  }

  clear() {
    if (this.steps.length === 0) return;
    this.commit([]);
  }

  undo() {
    const last = this.steps[this.steps.length - 1];
    if (!last) return;
    this.undone.push(last);
    this.replaceSteps(this.steps.slice(0, -1));
  }

  redo() {
    const next = this.undone.pop();
    if (!next) return;
    this.replaceSteps([...this.steps, next]);
  }

  /** The mask to upload, at exactly the picture's size. */
  file(): Promise<File> {
    return maskFile(this.steps, this.size.width, this.size.height);
  }

  private commit(steps: MaskStep[], drawn = false) {
    this.undone = [];
    this.replaceSteps(steps, drawn);
  }

  private replaceSteps(steps: MaskStep[], drawn = false) {
    this.steps = steps;
    if (!drawn) this.redraw(false);
    this.state = {
      ...this.state,
      steps,
      canUndo: steps.length > 0,
      canRedo: this.undone.length > 0,
      coverage: coverage(this.preview.pixels),
    };
    this.notify();
  }

  private redraw(notify = true) {
    this.preview.pixels.fill(0);
    for (const step of this.steps) applyStep(this.preview, step);
    this.changed = 'all';
    if (notify) this.notify();
  }

  private mark(rect: DirtyRect | null) {
    if (!rect || this.changed === 'all') return;
    if (!this.changed) {
      this.changed = rect;
      return;
    }
    const x = Math.min(this.changed.x, rect.x);
    const y = Math.min(this.changed.y, rect.y);
    this.changed = {
      x,
      y,
      width: Math.max(this.changed.x + this.changed.width, rect.x + rect.width) - x,
      height: Math.max(this.changed.y + this.changed.height, rect.y + rect.height) - y,
    };
  }

  private notify() {
    for (const listener of this.listeners) listener();
  }
}
