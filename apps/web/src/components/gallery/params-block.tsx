/** What each recorded parameter is called on screen; any other is named from its key. */
const LABELS: Record<string, string> = {
  aspectRatio: 'Aspect ratio',
  quality: 'Quality',
  steps: 'Steps',
  count: 'Images in the job',
  magicPrompt: 'Magic prompt',
  strength: 'Variation strength',
  scale: 'Scale',
  styleText: 'Style description',
  guidance: 'Guidance',
  providerSeed: "Provider's seed",
  editInstruction: 'Edit instruction',
};

/** Already shown elsewhere on the page (the size, the operation, the prompt the provider used). */
const SHOWN_ELSEWHERE = new Set(['width', 'height', 'editInstruction', 'prompt', 'promptRewritten']);

function labelOf(key: string): string {
  const known = LABELS[key];
  if (known) return known;
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function valueOf(key: string, value: unknown): string {
  if (key === 'scale' && typeof value === 'number') return `×${value}`;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return /^[A-Z][A-Z_]+$/.test(value) ? sentenceCase(value) : value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((item) => valueOf('', item)).join(', ');
  return JSON.stringify(value);
}

/** "PHOTO_REAL" → "Photo real": the API's enum names read as words. */
function sentenceCase(value: string): string {
  const words = value.replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The recorded provider parameters as labelled facts, in a stable order (known ones first). */
export function paramFacts(params: unknown): [string, string][] {
  if (!params || typeof params !== 'object' || Array.isArray(params)) return [];
  const known = Object.keys(LABELS);
  const rank = (key: string) => (known.includes(key) ? known.indexOf(key) : known.length);
  return Object.entries(params as Record<string, unknown>)
    .filter(
      ([key, value]) => !SHOWN_ELSEWHERE.has(key) && value !== null && value !== undefined && value !== '',
    )
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([key, value]) => [labelOf(key), valueOf(key, value)]);
}

/** The edit instruction an edited image was made with, if recorded. */
export function editInstructionOf(params: unknown): string | null {
  if (!params || typeof params !== 'object') return null;
  const instruction = (params as Record<string, unknown>).editInstruction;
  return typeof instruction === 'string' && instruction.trim() ? instruction : null;
}
