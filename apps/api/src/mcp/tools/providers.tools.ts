import type { SizeRule } from '@atelier/providers';
import { z } from 'zod';
import { defineTool } from '../tool-kit';

const model = z.object({
  id: z.string(),
  name: z.string(),
  operations: z.array(z.string()).describe('GENERATE, VARY, ENHANCE, RESTYLE, EDIT'),
  sizes: z
    .string()
    .nullable()
    .describe('The size rule in words, when the model takes width/height; null when it takes aspectRatio'),
  aspectRatios: z.array(z.string()),
  maxCount: z.number(),
  styles: z.array(z.string()),
  steps: z.object({ min: z.number(), max: z.number(), default: z.number() }).nullable(),
  supportsNegativePrompt: z.boolean(),
  supportsSeed: z.boolean(),
  maxPromptLength: z.number(),
});

export const listProviders = defineTool({
  name: 'list_providers',
  title: 'List image providers',
  description:
    'Lists the image providers this Atelier offers (e.g. "local", "flux", "ideogram"), whether each is available now, and every model with what it accepts: operations, valid sizes or aspect ratios, how many images per call, styles, steps, seed and negative-prompt support. Call it before generate_images to pick valid parameters. Free, instant, read-only.',
  scope: 'read',
  input: {},
  output: {
    providers: z.array(
      z.object({
        id: z.string(),
        displayName: z.string(),
        description: z.string(),
        available: z.boolean(),
        unavailableReason: z.string().nullable(),
        defaultModel: z.string(),
        models: z.array(model),
        enhanceScales: z.array(z.number()),
        restyle: z.boolean(),
      }),
    ),
  },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async run(_args, ctx) {
    const providers = ctx.app.services.providers.list().map((provider) => ({
      id: provider.id,
      displayName: provider.displayName,
      description: provider.description,
      available: provider.availability.available,
      unavailableReason: provider.availability.reason,
      defaultModel: provider.capabilities.defaultModel,
      models: provider.capabilities.models.map((m) => ({
        id: m.id,
        name: m.name,
        operations: [...m.operations],
        sizes: m.size ? describeSizeRule(m.size) : null,
        aspectRatios: [...m.aspectRatios],
        maxCount: m.maxCount,
        styles: [...m.styles],
        steps: m.steps ? { min: m.steps.min, max: m.steps.max, default: m.steps.default } : null,
        supportsNegativePrompt: m.supportsNegativePrompt,
        supportsSeed: m.supportsSeed,
        maxPromptLength: m.maxPromptLength,
      })),
      enhanceScales: [...(provider.capabilities.enhance?.scales ?? [])],
      restyle: provider.capabilities.restyle !== null,
    }));
    const lines = providers.map(
      (p) =>
        `${p.id} (${p.available ? 'available' : `unavailable: ${p.unavailableReason}`}): ${p.models.map((m) => m.id).join(', ')}`,
    );
    return { content: [{ type: 'text', text: lines.join('\n') }], structuredContent: { providers } };
  },
});

function describeSizeRule(rule: SizeRule): string {
  return `width and height ${rule.min}–${rule.max} px, multiples of ${rule.multipleOf}, at most ${rule.maxPixels.toLocaleString('en')} pixels in all`;
}
