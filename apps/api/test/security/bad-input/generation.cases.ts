import {
  type Case,
  coded,
  Edit,
  editWithMask,
  Enhance,
  file,
  generate,
  generateRaw,
  imageId,
  me,
  notFound,
  onImage,
  refused,
  Restyle,
  typed,
  Vary,
} from '../support/bad-input';
import { gql } from '../support/http';
import { bombPng, png, scriptedSvg } from '../support/images';

/* The cases of schema/modules/generation.ts: prompts, sizes, counts, choices and masks. */

const prompts: Case[] = [
  [
    'a prompt of 4,001 characters',
    () => generate({ prompt: 'x'.repeat(4001) }),
    typed('generateImages', 'INVALID_PROMPT', 'input.prompt'),
  ],
  [
    'a prompt of 100,000 characters',
    () => generate({ prompt: 'sea '.repeat(25_000) }),
    typed('generateImages', 'INVALID_PROMPT', 'input.prompt'),
  ],
  ['a prompt with a NUL character', () => generate({ prompt: 'a calm\u0000 sea' }), coded('INVALID_INPUT')],
  [
    'a prompt with an escape sequence',
    () => generate({ prompt: 'a \u001b[31mred\u001b[0m sea' }),
    typed('generateImages', 'INVALID_PROMPT', 'input.prompt'),
  ],
  [
    'an empty prompt',
    () => generate({ prompt: '' }),
    typed('generateImages', 'INVALID_PROMPT', 'input.prompt'),
  ],
  [
    'a prompt of only whitespace',
    () => generate({ prompt: ' \n\t  ' }),
    typed('generateImages', 'INVALID_PROMPT', 'input.prompt'),
  ],
  [
    'a negative prompt of 4,001 characters',
    () => generate({ negativePrompt: 'y'.repeat(4001) }),
    typed('generateImages', 'INVALID_INPUT', 'input.negativePrompt'),
  ],
  [
    'a negative prompt with a control character',
    () => generate({ negativePrompt: 'fog\u0007' }),
    typed('generateImages', 'INVALID_INPUT', 'input.negativePrompt'),
  ],
  [
    'a variation prompt of only whitespace',
    onImage(Vary, { prompt: '   ', count: 1 }),
    typed('createVariations', 'INVALID_PROMPT', 'input.prompt'),
  ],
  [
    'an edit prompt of 4,001 characters',
    () => gql(me, Edit, { input: { imageId, prompt: 'z'.repeat(4001), maskImageId: imageId } }),
    typed('editImage', 'INVALID_PROMPT', 'input.prompt'),
  ],
];

const sizes: Case[] = [
  ['width 0', () => generate({ width: 0 }), typed('generateImages', 'INVALID_INPUT', 'input.width')],
  [
    'a negative width',
    () => generate({ width: -512 }),
    typed('generateImages', 'INVALID_INPUT', 'input.width'),
  ],
  [
    'a width of a billion',
    () => generate({ width: 1_000_000_000 }),
    typed('generateImages', 'INVALID_INPUT', 'input.width'),
  ],
  [
    'a height above the provider maximum',
    () => generate({ height: 4096 }),
    typed('generateImages', 'INVALID_INPUT', 'input.height'),
  ],
  [
    'a width that is not a multiple of 64',
    () => generate({ width: 500 }),
    typed('generateImages', 'INVALID_INPUT', 'input.width'),
  ],
  ['a width beyond 32-bit integers', () => generate({ width: 2 ** 31 }), refused(400)],
  ['a non-integer width', () => generate({ width: 256.5 }), refused(400)],
  [
    'a width sent as a string',
    () => generateRaw('{"prompt":"a sea","provider":"local","width":"512","height":256}'),
    refused(400),
  ],
  [
    'a width sent as a boolean',
    () => generateRaw('{"prompt":"a sea","provider":"local","width":true,"height":256}'),
    refused(400),
  ],
  [
    'a width of NaN (not JSON)',
    () => generateRaw('{"prompt":"a sea","provider":"local","width":NaN,"height":256}'),
    refused(400),
  ],
  [
    'a height of 1e999 (Infinity once parsed)',
    () => generateRaw('{"prompt":"a sea","provider":"local","width":256,"height":1e999}'),
    refused(400),
  ],
  [
    'a width of NaN written in the query',
    () =>
      gql(
        me,
        `mutation { generateImages(input: { prompt: "a sea", provider: "local", width: NaN }) { __typename } }`,
      ),
    refused(),
  ],
  [
    'an aspect ratio that is not W:H',
    () => generate({ width: null, height: null, aspectRatio: '16x9' }),
    typed('generateImages', 'INVALID_INPUT', 'input.aspectRatio'),
  ],
  [
    'an aspect ratio with a zero side',
    () => generate({ width: null, height: null, aspectRatio: '0:9' }),
    typed('generateImages', 'INVALID_INPUT', 'input.aspectRatio'),
  ],
  [
    'an aspect ratio of four digits',
    () => generate({ width: null, height: null, aspectRatio: '1920:1080' }),
    typed('generateImages', 'INVALID_INPUT', 'input.aspectRatio'),
  ],
];

const counts: Case[] = [
  ['count 0', () => generate({ count: 0 }), typed('generateImages', 'INVALID_INPUT', 'input.count')],
  ['count 9', () => generate({ count: 9 }), typed('generateImages', 'INVALID_INPUT', 'input.count')],
  ['count -1', () => generate({ count: -1 }), typed('generateImages', 'INVALID_INPUT', 'input.count')],
  ['count 1e9', () => generate({ count: 1e9 }), typed('generateImages', 'INVALID_INPUT', 'input.count')],
  [
    'count sent as a string',
    () => generateRaw('{"prompt":"a sea","provider":"local","count":"2"}'),
    refused(400),
  ],
  [
    'variations with count 9',
    onImage(Vary, { count: 9 }),
    typed('createVariations', 'INVALID_INPUT', 'input.count'),
  ],
  ['steps 0', () => generate({ steps: 0 }), typed('generateImages', 'INVALID_INPUT', 'input.steps')],
  [
    'steps 51 (above the model maximum)',
    () => generate({ steps: 51 }),
    typed('generateImages', 'INVALID_INPUT', 'input.steps'),
  ],
  ['negative steps', () => generate({ steps: -5 }), typed('generateImages', 'INVALID_INPUT', 'input.steps')],
  ['a negative seed', () => generate({ seed: -1 }), typed('generateImages', 'INVALID_INPUT', 'input.seed')],
  ['a seed beyond 32-bit integers', () => generate({ seed: 2_147_483_648 }), refused(400)],
  ['a non-integer seed', () => generate({ seed: 1.5 }), refused(400)],
  [
    'an enhance scale of 3',
    onImage(Enhance, { scale: 3 }),
    typed('enhanceImage', 'INVALID_INPUT', 'input.scale'),
  ],
  [
    'an enhance scale of 8',
    onImage(Enhance, { scale: 8 }),
    typed('enhanceImage', 'INVALID_INPUT', 'input.scale'),
  ],
];

const choices: Case[] = [
  [
    'an unknown provider',
    () => generate({ provider: 'dall-e' }),
    typed('generateImages', 'UNKNOWN_PROVIDER', 'input.provider'),
  ],
  [
    'an empty provider',
    () => generate({ provider: '' }),
    typed('generateImages', 'INVALID_INPUT', 'input.provider'),
  ],
  [
    'a provider id of 65 characters',
    () => generate({ provider: 'p'.repeat(65) }),
    typed('generateImages', 'INVALID_INPUT', 'input.provider'),
  ],
  [
    'an unknown model',
    () => generate({ model: 'sdxl' }),
    typed('generateImages', 'INVALID_INPUT', 'input.model'),
  ],
  [
    'an unknown style',
    () => generate({ style: 'cubism' }),
    typed('generateImages', 'INVALID_INPUT', 'input.style'),
  ],
  [
    'a style of 65 characters',
    () => generate({ style: 's'.repeat(65) }),
    typed('generateImages', 'INVALID_INPUT', 'input.style'),
  ],
  [
    'five fallback providers',
    () => generate({ fallbackProviders: ['a', 'b', 'c', 'd', 'e'] }),
    typed('generateImages', 'INVALID_INPUT', 'input.fallbackProviders'),
  ],
  [
    'an unknown fallback provider',
    () => generate({ fallbackProviders: ['nope'] }),
    typed('generateImages', 'INVALID_INPUT', 'input.fallbackProviders'),
  ],
  [
    'the first choice again as its own fallback',
    () => generate({ fallbackProviders: ['local'] }),
    typed('generateImages', 'INVALID_INPUT', 'input.fallbackProviders'),
  ],
  ['an unknown quality (variables)', () => generate({ quality: 'ULTRA' }), refused(400)],
  [
    'an unknown quality (in the query)',
    () =>
      gql(
        me,
        'mutation { generateImages(input: { prompt: "a sea", provider: "local", quality: ULTRA }) { __typename } }',
      ),
    refused(),
  ],
  ['an unknown magic-prompt mode', () => generate({ magicPrompt: 'MAYBE' }), refused(400)],
  [
    'magic prompt for a model that cannot',
    () => generate({ magicPrompt: 'ON' }),
    typed('generateImages', 'INVALID_INPUT', 'input.magicPrompt'),
  ],
  ['an unknown variation strength', onImage(Vary, { strength: 'WILD' }), refused(400)],
  [
    'a restyle with no style at all',
    onImage(Restyle, {}),
    typed('restyleImage', 'INVALID_INPUT', 'input.styleText'),
  ],
  [
    'a style description of 501 characters',
    onImage(Restyle, { styleText: 'w'.repeat(501) }),
    typed('restyleImage', 'INVALID_INPUT', 'input.styleText'),
  ],
  ['an input without its required prompt', () => generateRaw('{"provider":"local"}'), refused(400)],
  ['an input field that does not exist', () => generate({ resolution: '8k' }), refused(400)],
];

const masks: Case[] = [
  [
    'a mask that is text',
    () => editWithMask(file(Buffer.from('white where to change'), 'mask.png', 'image/png')),
    typed('editImage', 'INVALID_INPUT', 'input.mask'),
  ],
  [
    'a mask that is an SVG',
    () => editWithMask(file(scriptedSvg, 'mask.svg', 'image/svg+xml')),
    typed('editImage', 'INVALID_INPUT', 'input.mask'),
  ],
  [
    'a truncated PNG mask',
    async () => editWithMask(file((await png(200, 200, '#ffffff')).subarray(0, 60), 'mask.png', 'image/png')),
    typed('editImage', 'INVALID_INPUT', 'input.mask'),
  ],
  [
    'a decompression-bomb mask',
    () => editWithMask(file(bombPng(), 'mask.png', 'image/png')),
    typed('editImage', 'INVALID_INPUT', 'input.mask'),
  ],
  [
    'a mask over 10 MB',
    async () => {
      const big = Buffer.alloc(11 * 1024 * 1024);
      (await png()).copy(big);
      return editWithMask(file(big, 'mask.png', 'image/png'));
    },
    typed('editImage', 'INVALID_INPUT', 'input.mask'),
  ],
  [
    'both a mask and a mask image',
    async () => editWithMask(file(await png(), 'mask.png', 'image/png'), { maskImageId: imageId }),
    typed('editImage', 'INVALID_INPUT', 'input.mask'),
  ],
  [
    'an edit with no mask at all',
    onImage(Edit, { prompt: 'a red boat' }),
    typed('editImage', 'INVALID_INPUT', 'input.mask'),
  ],
];

const ids: Case[] = [
  [
    'variations of a forged image id',
    () => gql(me, Vary, { input: { imageId: 'not-a-global-id' } }),
    notFound('createVariations'),
  ],
];

export const generationGroups: [string, Case[]][] = [
  ['prompts', prompts],
  ['sizes and shapes', sizes],
  ['counts, steps, seeds and scales', counts],
  ['providers, models, styles and enums', choices],
  ['uploads and masks', masks],
  ['ids, cursors and filters', ids],
];
