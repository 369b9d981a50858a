import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useHeldKey } from './use-held-key';
import './compare-slider.css';

export interface ComparePicture {
  src: string;
  width: number;
  height: number;
  alt: string;
}

interface CompareSliderProps {
  /** Shown on the left of the handle (the parent, the original). */
  before: ComparePicture;
  /** Shown on the right, and the picture whose shape the box takes. */
  after: ComparePicture;
  beforeLabel?: string;
  afterLabel?: string;
  /** Where the handle starts, as a share of the width from the left (0–1). */
  initial?: number;
  /**
   * Shows the whole "before" while true. Left out, the slider follows the `\` key itself; a page
   * that mounts the slider only while `\` is held passes its own state instead.
   */
  showBefore?: boolean;
}

const KEY_STEP = 5;
const PAGE_STEP = 20;

const clampPercent = (value: number) => Math.min(100, Math.max(0, value));

/** The handle's new position (percent from the left) after a key, or null for keys it ignores. */
export function positionAfterKey(position: number, key: string, shift = false): number | null {
  const step = shift ? 1 : KEY_STEP;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return clampPercent(position - step);
    case 'ArrowRight':
    case 'ArrowUp':
      return clampPercent(position + step);
    case 'PageDown':
      return clampPercent(position - PAGE_STEP);
    case 'PageUp':
      return clampPercent(position + PAGE_STEP);
    case 'Home':
      return 0;
    case 'End':
      return 100;
    default:
      return null;
  }
}

/**
 * Before and after in one frame of the "after" picture's shape, split by a handle: drag anywhere
 * (mouse, pen or finger), use the arrow keys on the handle, or hold `\` to see the whole "before".
 * Both pictures are fitted whole into the frame, so a crop or an expansion still lines up.
 */
export function CompareSlider({
  before,
  after,
  beforeLabel = 'Before',
  afterLabel = 'After',
  initial = 0.5,
  showBefore,
}: CompareSliderProps) {
  const [position, setPosition] = useState(() => clampPercent(initial * 100));
  const box = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const held = useHeldKey('\\', showBefore === undefined);
  const revealed = showBefore ?? held;
  const shown = revealed ? 100 : position;

  const moveTo = (clientX: number) => {
    const rect = box.current?.getBoundingClientRect();
    if (!rect || rect.width <= 0) return;
    setPosition(clampPercent(((clientX - rect.left) / rect.width) * 100));
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    dragging.current = true;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    moveTo(event.clientX);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (dragging.current) moveTo(event.clientX);
  };
  const onPointerEnd = () => {
    dragging.current = false;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = positionAfterKey(position, event.key, event.shiftKey);
    if (next === null) return;
    event.preventDefault();
    setPosition(next);
  };

  const ratio = after.width / after.height;
  const rounded = Math.round(shown);
  return (
    <div className="before-after-fit">
      <div
        ref={box}
        className="before-after"
        data-revealed={revealed || undefined}
        style={{ aspectRatio: `${after.width} / ${after.height}`, width: `min(100cqw, ${100 * ratio}cqh)` }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
      >
        <img className="before-after-image" src={after.src} alt={after.alt} draggable={false} />
        <img
          className="before-after-image before-after-before"
          src={before.src}
          alt={before.alt}
          draggable={false}
          style={{ clipPath: `inset(0 ${100 - shown}% 0 0)` }}
        />
        <span className="before-after-label before-after-label-before" aria-hidden="true">
          {beforeLabel}
        </span>
        <span className="before-after-label before-after-label-after" aria-hidden="true" hidden={revealed}>
          {afterLabel}
        </span>
        <div
          className="before-after-handle"
          role="slider"
          tabIndex={0}
          aria-label={`${beforeLabel} and ${afterLabel.toLowerCase()}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={rounded}
          aria-valuetext={`${rounded} % ${beforeLabel.toLowerCase()}`}
          aria-orientation="horizontal"
          title={`Drag or use the arrow keys; hold \\ to see the ${beforeLabel.toLowerCase()}`}
          style={{ left: `${shown}%` }}
          onKeyDown={onKeyDown}
        >
          <span className="before-after-grip" aria-hidden="true" />
        </div>
      </div>
    </div>
  );
}
