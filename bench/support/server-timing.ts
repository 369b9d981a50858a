/** `name;dur=ms` entries of a Server-Timing header, by name (`total`, `parse`, `auth`, ...). */
export function parseServerTiming(header: string | null): Record<string, number> {
  const phases: Record<string, number> = {};
  for (const entry of (header ?? '').split(',')) {
    const [name = '', ...params] = entry.split(';').map((part) => part.trim());
    const dur = params.find((param) => param.startsWith('dur='));
    if (name && dur) phases[name] = Number(dur.slice(4));
  }
  return phases;
}

/** The p50 of each phase over many requests' Server-Timing headers, in the order first seen. */
export function phaseMedians(samples: readonly Record<string, number>[]): Record<string, number> {
  const byPhase = new Map<string, number[]>();
  for (const sample of samples) {
    for (const [name, ms] of Object.entries(sample)) {
      if (!byPhase.has(name)) byPhase.set(name, []);
      byPhase.get(name)!.push(ms);
    }
  }
  const medians: Record<string, number> = {};
  for (const [name, values] of byPhase) {
    const sorted = [...values].sort((a, b) => a - b);
    medians[name] = sorted[Math.ceil(sorted.length / 2) - 1]!;
  }
  return medians;
}
