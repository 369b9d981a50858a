import type { KeyboardEvent, PointerEvent } from 'react';
import type { Size } from './editor-context';
import type { View } from './viewport';

interface CompareSliderProps {
  /** 0..1 across the picture: left of it shows the picture before adjustments. */
  split: number;
  picture: Size;
  view: View;
  onChange: (split: number) => void;
}

/** The before/after divider: drag it, or focus it and use the arrow keys. */
export function CompareSlider({ split, picture, view, onChange }: CompareSliderProps) {
  const width = picture.width * view.scale;
  const left = view.x + split * width;

  const fromPointer = (event: PointerEvent<HTMLElement>) => {
    const box = event.currentTarget.parentElement?.getBoundingClientRect();
    if (!box) return;
    onChange(Math.min(1, Math.max(0, (event.clientX - box.left - view.x) / width)));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const steps: Record<string, number> = {
      ArrowLeft: -0.05,
      ArrowRight: 0.05,
      ArrowDown: -0.05,
      ArrowUp: 0.05,
    };
    const step = steps[event.key];
    if (step !== undefined) onChange(Math.min(1, Math.max(0, split + step)));
    else if (event.key === 'Home') onChange(0);
    else if (event.key === 'End') onChange(1);
    else return;
    event.preventDefault();
  };

  return (
    <div
      className="compare-divider"
      data-viewport-ignore=""
      role="slider"
      tabIndex={0}
      aria-label="Before and after"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(split * 100)}
      aria-valuetext={`${Math.round(split * 100)} % shows the picture before adjustments`}
      style={{ left, top: view.y, height: picture.height * view.scale }}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.currentTarget.setPointerCapture?.(event.pointerId);
        fromPointer(event);
      }}
      onPointerMove={(event) => {
        if (event.currentTarget.hasPointerCapture?.(event.pointerId)) fromPointer(event);
      }}
      onKeyDown={onKeyDown}
    >
      <span className="compare-label compare-label-before" aria-hidden="true">
        Before
      </span>
      <span className="compare-knob" aria-hidden="true" />
      <span className="compare-label compare-label-after" aria-hidden="true">
        After
      </span>
    </div>
  );
}
