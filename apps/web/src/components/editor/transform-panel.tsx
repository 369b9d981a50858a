import { useId, useState, type FormEvent } from 'react';
import {
  MAX_PIXELS,
  MAX_SIDE,
  MAX_STRAIGHTEN_DEGREES,
  MIN_SIDE,
  type EditOperation,
} from '@atelier/image-edits';
import { shortProviderName, useProviders } from '../generate/use-providers';
import { cropRatios, type CropRatio } from './crop-rect';
import { providerCrops, sameCropRatio } from './provider-crops';
import type { Size } from './editor-context';
import { EditorSlider } from './editor-slider';

interface TransformPanelProps {
  size: Size;
  /** The angle of the list's trailing straighten (0 when a later geometry step follows it). */
  straighten: number;
  /** The crop in progress: its ratio, or null when not cropping. */
  cropRatio: CropRatio | null;
  onCropRatio: (ratio: CropRatio) => void;
  onApplyCrop: () => void;
  onCancelCrop: () => void;
  apply: (operation: EditOperation) => void;
  /** An error from the server about a transform operation, shown here. */
  error?: string | null;
}

function formatAngle(angle: number): string {
  return `${angle > 0 ? '+' : angle < 0 ? '−' : ''}${Math.abs(angle).toFixed(1)}°`;
}

export function TransformPanel({
  size,
  straighten,
  cropRatio,
  onCropRatio,
  onApplyCrop,
  onCancelCrop,
  apply,
  error,
}: TransformPanelProps) {
  const cropId = useId();
  const [{ data }] = useProviders();
  const providers = (data?.providers ?? []).filter(
    (provider) => provider.available && providerCrops(provider).length > 0,
  );
  const [providerId, setProviderId] = useState<string | null>(null);
  const provider = providers.find((p) => p.id === providerId) ?? providers[0];
  const providerRatios = provider ? providerCrops(provider) : [];
  return (
    <div className="editor-panel-body">
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <section className="editor-section" aria-labelledby={cropId}>
        <h2 id={cropId} className="editor-section-title">
          Crop
        </h2>
        <div className="editor-chips" role="radiogroup" aria-labelledby={cropId}>
          {cropRatios(size).map((ratio) => (
            <button
              key={ratio.label}
              type="button"
              role="radio"
              aria-checked={sameCropRatio(cropRatio, ratio)}
              className="editor-chip"
              onClick={() => onCropRatio(ratio)}
            >
              {ratio.label}
            </button>
          ))}
        </div>
        {provider && (
          <>
            <label className="editor-row">
              <span>Sizes for</span>
              <select value={provider.id} onChange={(event) => setProviderId(event.target.value)}>
                {providers.map((p) => (
                  <option key={p.id} value={p.id}>
                    {shortProviderName(p.displayName)}
                  </option>
                ))}
              </select>
            </label>
            <div
              className="editor-chips"
              role="radiogroup"
              aria-label={`Sizes ${shortProviderName(provider.displayName)} accepts`}
            >
              {providerRatios.map((ratio) => (
                <button
                  key={ratio.label}
                  type="button"
                  role="radio"
                  aria-checked={sameCropRatio(cropRatio, ratio)}
                  className="editor-chip"
                  title={ratio.size ? `Crop to this shape, then resize to ${ratio.label} px` : undefined}
                  onClick={() => onCropRatio(ratio)}
                >
                  {ratio.label}
                </button>
              ))}
            </div>
          </>
        )}
        {cropRatio ? (
          <div className="editor-row">
            <button type="button" className="button button-primary" onClick={onApplyCrop}>
              Apply crop
            </button>
            <button type="button" className="button" onClick={onCancelCrop}>
              Cancel
            </button>
          </div>
        ) : (
          <p className="editor-hint">Pick a ratio to draw the crop frame (or press C).</p>
        )}
      </section>
      <section className="editor-section" aria-label="Rotate and flip">
        <h2 className="editor-section-title">Rotate and flip</h2>
        <div className="editor-row editor-row-wrap">
          <button type="button" className="button" onClick={() => apply({ type: 'rotate', quarterTurns: 3 })}>
            ⟲ Rotate left
          </button>
          <button type="button" className="button" onClick={() => apply({ type: 'rotate', quarterTurns: 1 })}>
            ⟳ Rotate right
          </button>
          <button
            type="button"
            className="button"
            onClick={() => apply({ type: 'flip', axis: 'horizontal' })}
          >
            ⇋ Flip horizontally
          </button>
          <button type="button" className="button" onClick={() => apply({ type: 'flip', axis: 'vertical' })}>
            ⇵ Flip vertically
          </button>
        </div>
      </section>
      <section className="editor-section" aria-label="Straighten">
        <EditorSlider
          label="Straighten"
          value={straighten}
          min={-MAX_STRAIGHTEN_DEGREES}
          max={MAX_STRAIGHTEN_DEGREES}
          step={0.1}
          neutral={0}
          format={formatAngle}
          onChange={(angle) => apply({ type: 'straighten', angle })}
        />
      </section>
      <ResizeForm key={`${size.width}x${size.height}`} size={size} apply={apply} />
    </div>
  );
}

/** Problems with a resize, said before sending it. */
export function resizeProblem(width: number, height: number): string | null {
  for (const value of [width, height]) {
    if (!Number.isInteger(value) || value < MIN_SIDE || value > MAX_SIDE) {
      return `Width and height are whole pixels from ${MIN_SIDE} to ${MAX_SIDE}.`;
    }
  }
  if (width * height > MAX_PIXELS) return `At most ${MAX_PIXELS / 1_000_000} megapixels.`;
  return null;
}

function ResizeForm({ size, apply }: { size: Size; apply: (operation: EditOperation) => void }) {
  const [width, setWidth] = useState(String(size.width));
  const [height, setHeight] = useState(String(size.height));
  const [keepRatio, setKeepRatio] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const ratio = size.width / size.height;
  const errorId = useId();

  const onWidth = (value: string) => {
    setWidth(value);
    setProblem(null);
    if (keepRatio && Number(value) > 0) setHeight(String(Math.max(1, Math.round(Number(value) / ratio))));
  };
  const onHeight = (value: string) => {
    setHeight(value);
    setProblem(null);
    if (keepRatio && Number(value) > 0) setWidth(String(Math.max(1, Math.round(Number(value) * ratio))));
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const w = Number(width);
    const h = Number(height);
    const found = resizeProblem(w, h);
    if (found) {
      setProblem(found);
      return;
    }
    if (w === size.width && h === size.height) return;
    apply({ type: 'resize', width: w, height: h });
  };

  return (
    <form className="editor-section" aria-label="Resize" noValidate onSubmit={onSubmit}>
      <h2 className="editor-section-title">Resize</h2>
      <div className="editor-row">
        <label className="editor-number">
          <span>Width</span>
          <input
            className="input"
            type="number"
            inputMode="numeric"
            min={MIN_SIDE}
            max={MAX_SIDE}
            value={width}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? errorId : undefined}
            onChange={(event) => onWidth(event.target.value)}
          />
        </label>
        <span aria-hidden="true">×</span>
        <label className="editor-number">
          <span>Height</span>
          <input
            className="input"
            type="number"
            inputMode="numeric"
            min={MIN_SIDE}
            max={MAX_SIDE}
            value={height}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? errorId : undefined}
            onChange={(event) => onHeight(event.target.value)}
          />
        </label>
      </div>
      <label className="editor-check">
        <input type="checkbox" checked={keepRatio} onChange={(event) => setKeepRatio(event.target.checked)} />
        <span>Keep the ratio</span>
      </label>
      {problem && (
        <p id={errorId} className="field-error">
          {problem}
        </p>
      )}
      <button type="submit" className="button">
        Apply resize
      </button>
    </form>
  );
}
