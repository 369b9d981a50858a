import { useId, useRef, useState, type PointerEvent } from 'react';
import { brushRange, farEnough, type Point, type Stroke } from './mask';
import './image-actions.css';

interface MaskImage {
  url: string;
  prompt: string;
  width: number;
  height: number;
  thumbnails: readonly { size: number; url: string }[];
}

interface MaskEditorProps {
  image: MaskImage;
  strokes: readonly Stroke[];
  onChange: (strokes: Stroke[]) => void;
}

/**
 * Paint over the part of the image to change. Strokes are kept in image pixels (the drawing is an
 * SVG over the picture with the image's own coordinates), so the mask comes out at the image's
 * size however large it is shown.
 */
export function MaskEditor({ image, strokes, onChange }: MaskEditorProps) {
  const range = brushRange(image.width, image.height);
  const [brush, setBrush] = useState(range.initial);
  const [cursor, setCursor] = useState<Point | null>(null);
  const drawing = useRef<Stroke | null>(null);
  const [live, setLive] = useState<Stroke | null>(null);
  const sliderId = useId();
  const preview = image.thumbnails.find((t) => t.size >= 768)?.url ?? image.url;

  const toImage = (event: PointerEvent<SVGSVGElement>): Point => {
    const rect = event.currentTarget.getBoundingClientRect();
    const x = rect.width > 0 ? ((event.clientX - rect.left) / rect.width) * image.width : 0;
    const y = rect.height > 0 ? ((event.clientY - rect.top) / rect.height) * image.height : 0;
    return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
  };

  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    const stroke = { size: brush, points: [toImage(event)] };
    drawing.current = stroke;
    setLive(stroke);
  };

  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const point = toImage(event);
    setCursor(point);
    const stroke = drawing.current;
    if (!stroke || !farEnough(stroke.points[stroke.points.length - 1], point, stroke.size)) return;
    const next = { ...stroke, points: [...stroke.points, point] };
    drawing.current = next;
    setLive(next);
  };

  const finish = () => {
    const stroke = drawing.current;
    drawing.current = null;
    setLive(null);
    if (stroke) onChange([...strokes, stroke]);
  };

  const shown = live ? [...strokes, live] : strokes;

  return (
    <div className="mask-editor">
      <div className="mask-stage" style={{ aspectRatio: `${image.width} / ${image.height}` }}>
        <img src={preview} alt={image.prompt} className="mask-image" draggable={false} />
        <svg
          className="mask-canvas"
          viewBox={`0 0 ${image.width} ${image.height}`}
          role="img"
          aria-label={`Mask: ${strokes.length} ${strokes.length === 1 ? 'stroke' : 'strokes'} painted`}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={finish}
          onPointerCancel={finish}
          onPointerLeave={() => setCursor(null)}
        >
          <g className="mask-strokes">
            {shown.map((stroke, index) =>
              stroke.points.length === 1 ? (
                <circle key={index} cx={stroke.points[0]![0]} cy={stroke.points[0]![1]} r={stroke.size / 2} />
              ) : (
                <polyline
                  key={index}
                  points={stroke.points.map((p) => p.join(',')).join(' ')}
                  strokeWidth={stroke.size}
                />
              ),
            )}
          </g>
          {cursor && <circle className="mask-cursor" cx={cursor[0]} cy={cursor[1]} r={brush / 2} />}
        </svg>
      </div>
      <div className="mask-tools">
        <label htmlFor={sliderId} className="field-label">
          Brush size
        </label>
        <input
          id={sliderId}
          type="range"
          className="mask-brush"
          min={range.min}
          max={range.max}
          step={1}
          value={brush}
          aria-valuetext={`${brush} px`}
          onChange={(event) => setBrush(Number(event.target.value))}
        />
        <span className="mask-brush-value" aria-hidden="true">
          {brush} px
        </span>
        <button
          type="button"
          className="button button-small"
          disabled={strokes.length === 0}
          onClick={() => onChange(strokes.slice(0, -1))}
        >
          Undo
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={strokes.length === 0}
          onClick={() => onChange([])}
        >
          Clear
        </button>
      </div>
      <p className="field-hint">Paint over what should change; everything else stays as it is.</p>
    </div>
  );
}
