/*
 * A provider's outpaint limits as the panel uses them: words for them, and quick presets bent to
 * fit. What is wrong with a set of margins is planOutpaint in @atelier/image-edits (the server's own rules).
 */
import { MAX_OUTPAINT_SIDE } from '@atelier/image-edits';
import type { OutpaintLimits } from '../../../lib/provider-capabilities';
import { capMargins, centred, type Margins } from './outpaint-margins';

/** A preset bent to the provider: evened out when it keeps the picture centred, each side capped. */
export function fitMargins(limits: OutpaintLimits | null | undefined, margins: Margins): Margins {
  if (!limits) return margins;
  return capMargins(limits.centredOnly ? centred(margins) : margins, limits.maxMargin ?? null);
}

/** The limits in a line: "Up to 512 px on each side · result at most 2048 px a side · …". */
export function limitsText(limits: OutpaintLimits): string {
  const parts: string[] = [];
  if (limits.maxMargin != null) parts.push(`up to ${limits.maxMargin} px on each side`);
  parts.push(`result at most ${Math.min(limits.maxSide, MAX_OUTPAINT_SIDE)} px a side`);
  if (limits.centredOnly) parts.push('keeps the picture centred');
  if (limits.squareSourceOnly) parts.push('square pictures only');
  if (limits.resolutions.length > 0) parts.push('delivers its own sizes');
  if (!limits.prompt) parts.push('no prompt');
  const text = parts.join(' · ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
