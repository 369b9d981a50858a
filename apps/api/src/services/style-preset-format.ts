import {
  InvalidInputError,
  MAX_PROMPT_LENGTH,
  type StylePresetRecord,
  type StylePresetSettings,
} from '@atelier/domain';
import { z } from 'zod';

export const PRESET_FORMAT = 'atelier.style-presets';
export const PRESET_FORMAT_VERSION = 1;
const MAX_IMPORT = 100;

const text = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((v) => v ?? null);
const positive = z
  .number()
  .int()
  .positive()
  .nullish()
  .transform((v) => v ?? null);

const settingsSchema = z
  .object({
    provider: text(64),
    model: text(128),
    width: positive,
    height: positive,
    aspectRatio: z
      .string()
      .regex(/^[1-9]\d{0,2}:[1-9]\d{0,2}$/, 'aspectRatio must look like "16:9"')
      .nullish()
      .transform((v) => v ?? null),
    quality: z
      .enum(['DRAFT', 'STANDARD', 'HIGH'])
      .nullish()
      .transform((v) => v ?? null),
    steps: positive,
    style: text(64),
    promptPrefix: text(1000),
    promptSuffix: text(1000),
    negativePrompt: text(MAX_PROMPT_LENGTH),
  })
  .strict();

const entrySchema = z
  .object({
    name: z.string().trim().min(1, 'enter a name').max(80),
    description: z.string().max(500).default(''),
    settings: settingsSchema,
  })
  .strict();

/** The versioned document `exportStylePresets` writes and `importStylePresets` reads. */
export function presetDocument(presets: readonly StylePresetRecord[]) {
  return {
    format: PRESET_FORMAT,
    version: PRESET_FORMAT_VERSION,
    presets: presets.map((p) => ({ name: p.name, description: p.description, settings: p.settings })),
  };
}

export function parsePresetDocument(
  json: string,
): { name: string; description: string; settings: StylePresetSettings }[] {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch {
    throw bad(['json'], 'this is not JSON');
  }
  const head = z
    .object({ format: z.literal(PRESET_FORMAT), version: z.number(), presets: z.array(z.unknown()) })
    .safeParse(document);
  if (!head.success) {
    throw bad(
      ['json'],
      `not an Atelier style presets file (expected "format": "${PRESET_FORMAT}" and a "presets" list)`,
    );
  }
  if (head.data.version !== PRESET_FORMAT_VERSION) {
    throw bad(
      ['json', 'version'],
      `version ${head.data.version} is not supported; this Atelier reads version ${PRESET_FORMAT_VERSION}`,
    );
  }
  if (head.data.presets.length > MAX_IMPORT) {
    throw bad(['json', 'presets'], `at most ${MAX_IMPORT} presets at once`);
  }
  return head.data.presets.map((entry, index) => {
    const parsed = entrySchema.safeParse(entry);
    if (!parsed.success) {
      const first = parsed.error.issues[0]!;
      const name =
        entry && typeof entry === 'object' && typeof (entry as { name?: unknown }).name === 'string'
          ? ` ("${(entry as { name: string }).name}")`
          : '';
      throw bad(
        ['json', 'presets', String(index), ...first.path.map(String)],
        `preset ${index + 1}${name}: ${first.path.length ? `${first.path.join('.')}: ` : ''}${first.message}`,
      );
    }
    return parsed.data;
  });
}

function bad(path: string[], message: string): InvalidInputError {
  return new InvalidInputError([{ path, message }]);
}
