import Papa from 'papaparse';
import type { BatchPromptInput } from '../../gql/graphql';

/** The most items one batch may have (the server refuses more). */
export const MAX_BATCH_ITEMS = 100;
export const MIN_COMPARE_TARGETS = 2;
export const MAX_COMPARE_TARGETS = 6;

export interface ParsedPrompts {
  prompts: BatchPromptInput[];
  /** What could not be read, each naming its line or row. */
  problems: string[];
}

/** One prompt per non-empty line. */
export function parseLines(text: string): ParsedPrompts {
  const prompts = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((prompt) => ({ prompt }));
  return { prompts, problems: [] };
}

/** Whether pasted text looks like a CSV with a header naming a `prompt` column. */
export function looksLikeCsv(text: string): boolean {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  return /(^|,)\s*"?prompt"?\s*(,|$)/i.test(header);
}

const COLUMN_NAMES: Record<string, keyof BatchPromptInput> = {
  prompt: 'prompt',
  negativeprompt: 'negativePrompt',
  negative_prompt: 'negativePrompt',
  'negative prompt': 'negativePrompt',
  seed: 'seed',
};

/**
 * A CSV with a header row: a `prompt` column, and optionally `negativePrompt` and `seed`.
 * Rows without a prompt are skipped; a bad seed is reported with its row number.
 */
export function parseCsv(text: string): ParsedPrompts {
  const result = Papa.parse<Record<string, string>>(text.trim(), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => COLUMN_NAMES[header.trim().toLowerCase()] ?? header.trim(),
  });
  const problems = result.errors.map((error) =>
    error.row === undefined ? error.message : `Row ${error.row + 2}: ${error.message}`,
  );
  if (!result.meta.fields?.includes('prompt')) {
    return { prompts: [], problems: ['The CSV needs a header row with a "prompt" column.', ...problems] };
  }
  const prompts: BatchPromptInput[] = [];
  result.data.forEach((row, index) => {
    const prompt = row.prompt?.trim() ?? '';
    if (prompt === '') return;
    const item: BatchPromptInput = { prompt };
    const negative = row.negativePrompt?.trim();
    if (negative) item.negativePrompt = negative;
    const seedText = row.seed?.trim();
    if (seedText) {
      const seed = Number(seedText);
      if (Number.isInteger(seed) && seed >= 0 && seed <= 2_147_483_647) item.seed = seed;
      else problems.push(`Row ${index + 2}: seed "${seedText}" is not a whole number from 0 to 2147483647.`);
    }
    prompts.push(item);
  });
  return { prompts, problems };
}

/** Lines, or a CSV when the first line is a header with a prompt column. */
export function parsePromptList(text: string): ParsedPrompts {
  return looksLikeCsv(text) ? parseCsv(text) : parseLines(text);
}

/** "2 × 2 = 4 images" (× count per prompt when more than one). */
export function matrixLabel(sizes: readonly number[], perPrompt = 1): string {
  const factors = sizes.map((size) => Math.max(1, size));
  if (perPrompt > 1) factors.push(perPrompt);
  const total = factors.reduce((product, size) => product * size, 1);
  const noun = total === 1 ? 'image' : 'images';
  return factors.length > 1 ? `${factors.join(' × ')} = ${total} ${noun}` : `${total} ${noun}`;
}

/** "input.prompts.3.prompt" → "Prompt 4: …" — the place a server issue names, in words. */
export function describeIssue(field: string, message: string): string {
  const match = /^input\.(prompts|matrix|compare\.targets)\.(\d+)(?:\.(\w+))?$/.exec(field);
  if (!match) return `${field.replace(/^input\./, '')}: ${message}`;
  const [, list, index, property] = match;
  const place = Number(index) + 1;
  const what = list === 'prompts' ? 'Prompt' : list === 'matrix' ? 'Combination' : 'Target';
  return `${what} ${place}${property && property !== 'prompt' ? ` (${property})` : ''}: ${message}`;
}

/** Chosen matrix values without blanks (a textarea keeps a trailing empty line while typing). */
export function cleanValues(values: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(values).map(([name, list]) => [name, list.map((v) => v.trim()).filter((v) => v !== '')]),
  );
}
