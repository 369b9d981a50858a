import { builder } from '../builder';

export const ImageOperationEnum = builder.enumType('ImageOperation', {
  description: 'How an image came to be, and what a job or a model does.',
  values: {
    GENERATE: { description: 'Generated from a prompt.' },
    VARIATION: { description: 'A variation of another image.' },
    ENHANCE: { description: 'An enhanced (upscaled) copy of another image.' },
    RESTYLE: { description: 'Another image in a new style.' },
    EDIT: { description: 'Another image with a masked area repainted.' },
    IMPORT: { description: 'Uploaded or fetched from a URL by its owner.' },
    ADJUST: {
      description:
        'Another image cropped, rotated, resized or colour-adjusted in the editor (its `editOperations`); no provider.',
    },
    OUTPAINT: { description: 'Another image with its canvas expanded, the new area filled by a provider.' },
  },
});

export const MagicPromptEnum = builder.enumType('MagicPrompt', {
  description: "Whether the provider may rewrite the prompt (Ideogram's Magic Prompt, BFL's upsampling).",
  values: {
    AUTO: { description: 'The provider decides.' },
    ON: { description: 'Rewrite.' },
    OFF: { description: 'Keep the prompt as written.' },
  },
});

export const VariationStrengthEnum = builder.enumType('VariationStrength', {
  description: 'How far variations may stray from the original.',
  values: {
    SUBTLE: { description: 'Close to the original: same composition, small changes.' },
    STRONG: { description: 'Freer: composition and details may change.' },
  },
});
