import type {
  ModelCapabilities,
  OutpaintCapability,
  ProviderCapabilities,
  RestyleCapability,
} from '../capabilities';
import type { LocalEnhancer } from './enhance/local-enhancer';
import { styleIds } from './styles';

export const PROCEDURAL_MODEL = 'procedural-v1';

export const proceduralModel: ModelCapabilities = {
  id: PROCEDURAL_MODEL,
  name: 'Procedural v1',
  description:
    'Not an AI model. Reads scene words, colours and moods from the prompt and paints a layered vector ' +
    'landscape; the same prompt, seed, size, style, negative prompt and quality give the same picture. ' +
    'Variations re-roll its seed (subtle keeps the layout), Restyle grades colour and tone, and Edit ' +
    'paints a new scene into the masked area; Outpaint continues the picture procedurally.',
  operations: ['GENERATE', 'VARIATION', 'RESTYLE', 'EDIT', 'OUTPAINT'],
  size: { min: 256, max: 2048, multipleOf: 64, maxPixels: 2048 * 2048 },
  aspectRatios: [],
  maxCount: 8,
  styles: styleIds,
  steps: { min: 1, max: 50, default: 20 },
  supportsNegativePrompt: true,
  supportsSeed: true,
  supportsQuality: true,
  supportsMagicPrompt: false,
  maxPromptLength: 4000,
};

export const restyleCapability: RestyleCapability = {
  fromText: true,
  fromReference: true,
  note:
    'Colour and tone transforms (not AI) on your picture at its own size: the local styles ' +
    `(${styleIds.filter((s) => s !== 'none').join(', ')}), words such as warm, cold, sepia, golden, faded ` +
    "or any colour name, and a reference picture's colours (Lab mean and spread). Shapes never change.",
};

export const localOutpaint: OutpaintCapability = {
  maxMargin: 2048,
  maxSide: 4096,
  prompt: false,
  squareSourceOnly: false,
  centredOnly: false,
  resolutions: [],
  shapeTolerance: 0,
  note:
    'Not AI: the new area continues the picture by mirroring it at its edges, softened with distance ' +
    'and a little grain so the seam does not show. The prompt is not used.',
};

/**
 * The procedural model serves Generate and the operations on its pictures; the upscaler is a
 * second model serving Enhance only, so a Generate form (which lists GENERATE models) never offers it.
 */
export const localCapabilities = (enhancer: LocalEnhancer): ProviderCapabilities => ({
  models: [proceduralModel, enhancer.model],
  defaultModel: PROCEDURAL_MODEL,
  enhance: enhancer.capability,
  restyle: restyleCapability,
  outpaint: localOutpaint,
});
