import {
  adjustmentNames,
  adjustmentRanges,
  isNeutral,
  looks,
  type AdjustmentName,
  type Adjustments,
  type EditOperation,
} from '@atelier/image-edits';
import { EditorSlider } from './editor-slider';
import { ADJUSTMENT_GROUPS, ADJUSTMENT_LABELS, formatAdjustment } from './operation-labels';

interface AdjustPanelProps {
  adjustments: Adjustments;
  /** The look the last adjust operation applied, if the sliders still hold it. */
  activeLook: string | null;
  apply: (operation: EditOperation) => void;
}

/** Every slider (grouped), the looks, and a reset for all of them. */
export function AdjustPanel({ adjustments, activeLook, apply }: AdjustPanelProps) {
  const set = (name: AdjustmentName, value: number) => apply({ type: 'adjust', values: { [name]: value } });
  const resetAll = () => {
    const values: Partial<Adjustments> = {};
    for (const name of adjustmentNames) values[name] = adjustmentRanges[name].neutral;
    apply({ type: 'adjust', values });
  };
  return (
    <div className="editor-panel-body">
      <section className="editor-section" aria-labelledby="editor-looks">
        <h2 id="editor-looks" className="editor-section-title">
          Looks
        </h2>
        <div className="editor-looks">
          {looks.map((look) => (
            <button
              key={look.id}
              type="button"
              className="button editor-look"
              aria-pressed={activeLook === look.id}
              onClick={() => apply({ type: 'adjust', values: look.values, look: look.id })}
            >
              {look.label}
            </button>
          ))}
        </div>
      </section>
      {ADJUSTMENT_GROUPS.map((group) => (
        <section key={group.title} className="editor-section" aria-label={group.title}>
          <h2 className="editor-section-title">{group.title}</h2>
          {group.names.map((name) => {
            const range = adjustmentRanges[name];
            return (
              <EditorSlider
                key={name}
                label={ADJUSTMENT_LABELS[name]}
                value={adjustments[name]}
                min={range.min}
                max={range.max}
                step={range.step}
                neutral={range.neutral}
                format={(value) => formatAdjustment(name, value)}
                onChange={(value) => set(name, value)}
              />
            );
          })}
        </section>
      ))}
      <button type="button" className="button" disabled={isNeutral(adjustments)} onClick={resetAll}>
        Reset adjustments
      </button>
    </div>
  );
}
