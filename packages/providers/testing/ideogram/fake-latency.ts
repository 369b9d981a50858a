/** How long a request takes: by rendering speed and image count, or as the test configured. */
import type { IdeogramFakeCall, IdeogramFakeOptions } from './fake-options';

const fastLatency: Record<string, number> = { FLASH: 10, TURBO: 15, BALANCED: 25, DEFAULT: 25, QUALITY: 40 };
/** Seconds, per third-party measurements. */
const realisticLatency: Record<string, number> = {
  FLASH: 3000,
  TURBO: 6000,
  BALANCED: 9000,
  DEFAULT: 11_000,
  QUALITY: 20_000,
};

export function latencyFor(option: IdeogramFakeOptions['latencyMs'], call: IdeogramFakeCall): number {
  if (typeof option === 'number') return option;
  if (typeof option === 'function') return option(call);
  const table = option === 'realistic' ? realisticLatency : fastLatency;
  const base =
    call.endpoint === '/describe'
      ? table.FLASH!
      : call.endpoint === '/upscale'
        ? table.DEFAULT!
        : (table[call.renderingSpeed] ?? table.DEFAULT!);
  return base + (option === 'realistic' ? 1500 : 5) * Math.max(0, call.numImages - 1);
}
