import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { planOutpaint } from '@atelier/image-edits';
import type { OutpaintLimits, Provider } from '../../../lib/provider-capabilities';
import { shortProviderName } from '../../generate/use-providers';
import { Field } from '../../ui/field';
import { SelectField } from '../../ui/select-field';
import { useEditor, type Size } from '../editor-context';
import { fitMargins, limitsText } from './outpaint-limits';
import { OutpaintDiagram, OutpaintFrame } from './outpaint-frame';
import {
  expandedSize,
  growEachSide,
  hasMargins,
  MARGIN_SIDES,
  NO_MARGINS,
  readMargins,
  toAspect,
  type MarginSide,
  type Margins,
} from './outpaint-margins';
import { RunFooter } from './run-footer';
import { useGenerativeRun } from './use-generative-run';
import { useOverlay } from './use-overlay';

/** A provider's outpaint limits, or null when it cannot expand a canvas. */
function outpaintLimitsOf(provider: Provider | undefined): OutpaintLimits | null {
  return provider?.capabilities.outpaint ?? null;
}

/** The providers that can outpaint, available or not (unavailable ones are shown disabled, with why). */
function outpaintCapable(providers: readonly Provider[]): Provider[] {
  return providers.filter((provider) => outpaintLimitsOf(provider) !== null);
}

const PRESETS: readonly { label: string; margins: (size: Size) => Margins }[] = [
  { label: '+25 % each side', margins: (size) => growEachSide(size, 0.25) },
  { label: 'To 16:9', margins: (size) => toAspect(size, 16, 9) },
  { label: 'To 1:1', margins: (size) => toAspect(size, 1, 1) },
  { label: 'To 9:16', margins: (size) => toAspect(size, 9, 16) },
];

const SIDE_LABELS: Record<MarginSide, string> = {
  top: 'Top',
  right: 'Right',
  bottom: 'Bottom',
  left: 'Left',
};

type Typed = Record<MarginSide, string>;

const typedFrom = (margins: Margins): Typed => ({
  top: String(margins.top),
  right: String(margins.right),
  bottom: String(margins.bottom),
  left: String(margins.left),
});

/** Expand the canvas: margins in picture pixels, the new area shown over the picture before running. */
export function OutpaintSection({ providers }: { providers: readonly Provider[] }) {
  const editor = useEditor();
  const { width, height } = editor.size;
  const size = useMemo(() => ({ width, height }), [width, height]);
  const usable = outpaintCapable(providers);
  const [providerId, setProviderId] = useState(
    () =>
      (usable.find((p) => p.available && p.id === 'local') ?? usable.find((p) => p.available) ?? usable[0])
        ?.id ?? '',
  );
  const provider = usable.find((p) => p.id === providerId);
  const limits = outpaintLimitsOf(provider);
  const name = provider ? shortProviderName(provider.displayName) : 'this provider';
  const [typed, setTyped] = useState<Typed>(() => typedFrom(NO_MARGINS));
  const [prompt, setPrompt] = useState('');
  const runner = useGenerativeRun(providerId || undefined);
  const { errors, formError, setFormError, pending, run, clear } = runner;

  const { margins, typos } = useMemo(() => readMargins(typed), [typed]);
  const overlay = useMemo(
    () => ({ node: <OutpaintFrame size={size} margins={margins} />, interactive: false }),
    [size, margins],
  );
  useOverlay(overlay);

  // Zoom out so the whole new area shows, and back to the picture when the margins go.
  const { fitArea } = editor;
  const { top, right, bottom, left } = margins;
  useEffect(() => {
    const any = top > 0 || right > 0 || bottom > 0 || left > 0;
    fitArea(any ? { x: -left, y: -top, width: width + left + right, height: height + top + bottom } : null);
  }, [fitArea, top, right, bottom, left, width, height]);
  useEffect(() => () => fitArea(null), [fitArea]);

  const plan =
    limits && hasMargins(margins) && typos.length === 0 ? planOutpaint(limits, name, size, margins) : null;
  const issues = plan?.issues ?? [];
  const issueFor = (side: MarginSide) =>
    typos.includes(side)
      ? 'A whole number of pixels, 0 or more'
      : (errors[side] ??
          issues
            .filter((issue) => issue.field === side)
            .map((issue) => issue.message)
            .join('. ')) ||
        undefined;
  const sourceIssue = issues.find((issue) => issue.field === 'source');
  const expanded = expandedSize(size, margins);
  const delivered = plan?.plan?.result ?? expanded;

  const setMargins = (next: Margins) => {
    setTyped(typedFrom(fitMargins(limits, next)));
    for (const side of MARGIN_SIDES) clear(side);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!provider) return;
    if (typos.length > 0) {
      setFormError(`Fix the ${typos.join(', ')} margin first: whole pixels, 0 or more.`);
      return;
    }
    if (!hasMargins(margins)) {
      setFormError('Give at least one side a margin above 0, or pick a preset.');
      return;
    }
    if (issues.length > 0) {
      setFormError(issues.map((issue) => issue.message).join('. ') + '.');
      return;
    }
    void run({
      kind: 'OUTPAINT',
      margins,
      provider: provider.id,
      ...(limits?.prompt && prompt.trim() && { prompt }),
    });
  };

  if (usable.length === 0) {
    return (
      <p className="form-error" role="alert">
        No provider on this server can expand a picture.
      </p>
    );
  }

  return (
    <form className="generative-section" noValidate onSubmit={onSubmit} aria-label="Expand canvas">
      <SelectField
        label="Provider"
        value={providerId}
        hint={
          provider && !provider.available
            ? provider.unavailableReason
            : limits
              ? limitsText(limits)
              : undefined
        }
        error={errors.provider}
        options={usable.map((p) => ({
          value: p.id,
          label: p.available
            ? shortProviderName(p.displayName)
            : `${shortProviderName(p.displayName)} — ${p.unavailableReason ?? 'unavailable'}`,
          disabled: !p.available,
        }))}
        onChange={(id) => {
          setProviderId(id);
          clear('provider');
        }}
      />
      {limits?.note && <p className="field-hint">{limits.note}</p>}
      <div className="generative-row" role="group" aria-label="Presets">
        {PRESETS.map((preset) => (
          <button
            key={preset.label}
            type="button"
            className="button button-small"
            onClick={() => setMargins(preset.margins(size))}
          >
            {preset.label}
          </button>
        ))}
        <button type="button" className="button button-small" onClick={() => setMargins(NO_MARGINS)}>
          Reset
        </button>
      </div>
      <div className="margin-grid">
        {MARGIN_SIDES.map((side) => (
          <Field key={side} label={`${SIDE_LABELS[side]} (px)`} error={issueFor(side)}>
            {(control) => (
              <input
                {...control}
                className="input"
                type="number"
                inputMode="numeric"
                min={0}
                step={1}
                value={typed[side]}
                onChange={(event) => {
                  setTyped((prev) => ({ ...prev, [side]: event.target.value }));
                  clear(side);
                }}
              />
            )}
          </Field>
        ))}
      </div>
      {sourceIssue && (
        <p className="field-error" role="alert">
          {sourceIssue.message}
        </p>
      )}
      {hasMargins(margins) && <OutpaintDiagram size={size} margins={margins} />}
      <p className="field-hint" aria-live="polite">
        {hasMargins(margins)
          ? `New size: ${expanded.width} × ${expanded.height} px${
              delivered.width !== expanded.width || delivered.height !== expanded.height
                ? ` (${name} delivers ${delivered.width} × ${delivered.height})`
                : ''
            }. Zoom out to see the whole new area.`
          : `The picture is ${size.width} × ${size.height} px. Add margins to see the new area around it.`}
      </p>
      {limits?.prompt && (
        <Field
          label="Prompt"
          error={errors.prompt}
          hint="What the new area should show; blank keeps the image’s own prompt"
        >
          {(control) => (
            <textarea
              {...control}
              className="input"
              rows={2}
              value={prompt}
              onChange={(event) => {
                setPrompt(event.target.value);
                clear('prompt');
              }}
            />
          )}
        </Field>
      )}
      <RunFooter
        label={`Expand${hasMargins(margins) ? ` to ${delivered.width} × ${delivered.height}` : ''} · ${name}`}
        disabled={!provider?.available}
        pending={pending}
        formError={formError}
        stage={runner.stage}
        unsaved={runner.unsaved}
        jobId={runner.job?.id ?? null}
        savedAs={runner.savedAs}
      />
    </form>
  );
}
