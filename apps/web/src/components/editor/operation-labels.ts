import { adjustmentRanges, findLook, type AdjustmentName, type EditOperation } from '@atelier/image-edits';

export const ADJUSTMENT_LABELS: Record<AdjustmentName, string> = {
  exposure: 'Exposure',
  brightness: 'Brightness',
  contrast: 'Contrast',
  saturation: 'Saturation',
  vibrance: 'Vibrance',
  temperature: 'Temperature',
  tint: 'Tint',
  hue: 'Hue',
  highlights: 'Highlights',
  shadows: 'Shadows',
  sharpen: 'Sharpen',
  blur: 'Blur',
  vignette: 'Vignette',
};

/** The sliders in the order the panel shows them, in groups. */
export const ADJUSTMENT_GROUPS: readonly { title: string; names: readonly AdjustmentName[] }[] = [
  { title: 'Light', names: ['exposure', 'brightness', 'contrast', 'highlights', 'shadows'] },
  { title: 'Colour', names: ['saturation', 'vibrance', 'temperature', 'tint', 'hue'] },
  { title: 'Detail', names: ['sharpen', 'blur', 'vignette'] },
];

/** A slider's value as shown: signed where the neutral is in the middle, in the slider's own unit. */
export function formatAdjustment(name: AdjustmentName, value: number): string {
  const range = adjustmentRanges[name];
  const decimals = range.step < 1 ? 2 : 0;
  const text = value.toFixed(decimals);
  const signed = range.min < 0 && value > 0 ? `+${text}` : text.replace('-', '−');
  return name === 'hue' ? `${signed}°` : name === 'exposure' ? `${signed} EV` : signed;
}

function formatAngle(angle: number): string {
  return `${angle > 0 ? '+' : angle < 0 ? '−' : ''}${Math.abs(angle).toFixed(1)}°`;
}

/** One line of the history list (and of an error about the operation). */
export function describeOperation(operation: EditOperation): string {
  switch (operation.type) {
    case 'crop':
      return `Crop to ${operation.width}×${operation.height}`;
    case 'rotate':
      return operation.quarterTurns === 1
        ? 'Rotate right'
        : operation.quarterTurns === 2
          ? 'Rotate 180°'
          : 'Rotate left';
    case 'straighten':
      return `Straighten ${formatAngle(operation.angle)}`;
    case 'flip':
      return operation.axis === 'horizontal' ? 'Flip horizontally' : 'Flip vertically';
    case 'resize':
      return `Resize to ${operation.width}×${operation.height}`;
    case 'adjust': {
      if (operation.look) return `Look: ${findLook(operation.look)?.label ?? operation.look}`;
      const entries = Object.entries(operation.values) as [AdjustmentName, number][];
      const [first] = entries;
      if (entries.length === 1 && first) {
        return `${ADJUSTMENT_LABELS[first[0]]} ${formatAdjustment(first[0], first[1])}`;
      }
      return `Adjust ${entries.map(([name]) => ADJUSTMENT_LABELS[name].toLowerCase()).join(', ')}`;
    }
  }
}
