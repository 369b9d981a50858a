import type { Adjustments } from './operations';

export interface Look {
  /** Stable id, recorded on the adjust operation (`look`). */
  id: string;
  label: string;
  /** The sliders the look sets; the others keep their value. */
  values: Partial<Adjustments>;
}

/** Named filters: nothing but slider settings, so the person can fine-tune one after choosing it. */
export const looks: readonly Look[] = [
  { id: 'vivid', label: 'Vivid', values: { contrast: 15, saturation: 25, vibrance: 30 } },
  { id: 'warm', label: 'Warm', values: { temperature: 35, tint: 5, vibrance: 10 } },
  { id: 'cool', label: 'Cool', values: { temperature: -35, tint: -5, highlights: 5 } },
  { id: 'mono', label: 'Mono', values: { saturation: -100, vibrance: 0, contrast: 20 } },
  { id: 'fade', label: 'Fade', values: { contrast: -30, brightness: 10, saturation: -25, shadows: 25 } },
  {
    id: 'dramatic',
    label: 'Dramatic',
    values: { contrast: 40, highlights: -30, shadows: -20, saturation: -10, vignette: 45 },
  },
];

export function findLook(id: string): Look | undefined {
  return looks.find((look) => look.id === id);
}
