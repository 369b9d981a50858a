import { type Kysely, sql } from 'kysely';

/**
 * The starter style presets shipped with Atelier: owner null (read-only, seen by everyone signed
 * in), fixed ids so exports and duplicates stay recognisable across installs.
 */
const starters = [
  {
    name: 'Watercolour landscape',
    description: 'Soft washes and paper texture, wide format.',
    settings: {
      provider: 'local',
      model: 'procedural-v1',
      width: 768,
      height: 512,
      steps: 30,
      style: 'watercolor',
      promptSuffix: ', soft watercolour washes',
      negativePrompt: 'harsh lines',
    },
  },
  {
    name: 'Neon night',
    description: 'Glowing city colours on a dark sky, tall format.',
    settings: {
      provider: 'local',
      model: 'procedural-v1',
      width: 512,
      height: 768,
      style: 'neon',
      promptPrefix: 'at night,',
      quality: 'HIGH',
    },
  },
  {
    name: 'Film noir',
    description: 'High-contrast black and white, cinematic width.',
    settings: {
      provider: 'local',
      model: 'procedural-v1',
      width: 1024,
      height: 576,
      style: 'noir',
      promptSuffix: ', dramatic shadows',
    },
  },
  {
    name: 'Pixel art sprite',
    description: 'Chunky pixels, square, quick to render.',
    settings: {
      provider: 'local',
      model: 'procedural-v1',
      width: 512,
      height: 512,
      steps: 10,
      style: 'pixel-art',
      quality: 'DRAFT',
    },
  },
  {
    name: 'Pastel dream',
    description: 'Light, airy pastel tones.',
    settings: {
      provider: 'local',
      model: 'procedural-v1',
      width: 768,
      height: 768,
      style: 'pastel',
      promptSuffix: ', dreamy pastel light',
    },
  },
  {
    name: 'Vintage postcard',
    description: 'Faded colours and a warm cast, like an old print.',
    settings: {
      provider: 'local',
      model: 'procedural-v1',
      width: 768,
      height: 512,
      style: 'vintage',
      promptPrefix: 'old postcard of',
    },
  },
  {
    name: 'Cinematic still (FLUX)',
    description: 'Wide film frame with FLUX1.1 ultra.',
    settings: {
      provider: 'flux',
      model: 'flux-pro-1.1-ultra',
      aspectRatio: '21:9',
      promptPrefix: 'cinematic film still,',
      promptSuffix: ', 35mm, shallow depth of field',
    },
  },
  {
    name: 'Poster with lettering (Ideogram)',
    description: 'Ideogram 3.0 design style, for legible text.',
    settings: {
      provider: 'ideogram',
      model: 'ideogram-v3',
      aspectRatio: '2:3',
      style: 'DESIGN',
      quality: 'HIGH',
      promptPrefix: 'poster design:',
    },
  },
];

const keys = [
  'provider',
  'model',
  'width',
  'height',
  'aspectRatio',
  'quality',
  'steps',
  'style',
  'promptPrefix',
  'promptSuffix',
  'negativePrompt',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [index, starter] of starters.entries()) {
    const settings = Object.fromEntries(
      keys.map((key) => [key, (starter.settings as Record<string, unknown>)[key] ?? null]),
    );
    const id = `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;
    await sql`
      insert into style_preset (id, owner_id, name, description, settings, created_at, updated_at)
      values (${id}, null, ${starter.name}, ${starter.description}, ${JSON.stringify(settings)}::jsonb,
        '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
      on conflict (id) do nothing
    `.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from style_preset where owner_id is null`.execute(db);
}
