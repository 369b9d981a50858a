import type { Size } from '../editor-context';
import type { Margins } from './outpaint-margins';
import './generative.css';

const percent = (value: number, of: number) => `${(value / of) * 100}%`;

/**
 * The area an outpaint will add, drawn in the editor's overlay box (the picture's size, scaled with
 * it): checkered strips around the picture and a dashed line round the new canvas, so the person
 * sees the new shape before running it.
 */
export function OutpaintFrame({ size, margins }: { size: Size; margins: Margins }) {
  const { width: w, height: h } = size;
  const { top, right, bottom, left } = margins;
  const fullWidth = w + left + right;
  const strips = [
    { side: 'top', x: -left, y: -top, width: fullWidth, height: top },
    { side: 'bottom', x: -left, y: h, width: fullWidth, height: bottom },
    { side: 'left', x: -left, y: 0, width: left, height: h },
    { side: 'right', x: w, y: 0, width: right, height: h },
  ].filter((strip) => strip.width > 0 && strip.height > 0);
  // One checker across all strips: each strip's pattern starts at the frame's corner, so no seams.
  const square = Math.max(16, Math.round(Math.max(w, h) / 40));
  return (
    <div className="outpaint-preview" data-testid="outpaint-preview">
      {strips.map((strip) => (
        <div
          key={strip.side}
          className="outpaint-strip"
          data-side={strip.side}
          style={{
            left: percent(strip.x, w),
            top: percent(strip.y, h),
            width: percent(strip.width, w),
            height: percent(strip.height, h),
            backgroundSize: `${2 * square}px ${2 * square}px`,
            backgroundPosition: `${-(strip.x + left)}px ${-(strip.y + top)}px`,
          }}
        />
      ))}
      <svg
        className="outpaint-outline"
        style={{
          left: percent(-left, w),
          top: percent(-top, h),
          width: percent(fullWidth, w),
          height: percent(h + top + bottom, h),
        }}
        viewBox={`0 0 ${fullWidth} ${h + top + bottom}`}
        preserveAspectRatio="none"
        aria-hidden="true"
      >
        <rect x="0" y="0" width={fullWidth} height={h + top + bottom} />
      </svg>
    </div>
  );
}

/**
 * The same expansion as a small diagram in the panel, always whole whatever the zoom: the new
 * canvas's shape, checkered, with the picture where it will sit.
 */
export function OutpaintDiagram({ size, margins }: { size: Size; margins: Margins }) {
  const width = size.width + margins.left + margins.right;
  const height = size.height + margins.top + margins.bottom;
  return (
    <div className="outpaint-diagram-fit" aria-hidden="true">
      <div
        className="outpaint-diagram outpaint-strip"
        style={{ aspectRatio: `${width} / ${height}`, width: `min(100cqw, ${(100 * width) / height}cqh)` }}
      >
        <div
          className="outpaint-diagram-picture"
          style={{
            left: percent(margins.left, width),
            top: percent(margins.top, height),
            width: percent(size.width, width),
            height: percent(size.height, height),
          }}
        />
      </div>
    </div>
  );
}
