import { expect } from 'vitest';
import { finishedJob } from '../support/http';
import { png } from '../support/images';
import { jobInput, noSuchImage, type Row } from '../support/authorization';
import { w } from '../support/world';

/**
 * The rows of schema/modules/generation.ts and provider.ts. They run in images-and-jobs.spec.ts.
 */
export const generationRows: Row[] = [
  {
    type: 'query',
    field: 'providers',
    needs: 'signedIn',
    attempts: [
      {
        what: 'the provider list',
        query: '{ providers { id available } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.providers.map((provider: { id: string }) => provider.id)).toContain('local');
        },
      },
    ],
  },
  {
    type: 'mutation',
    field: 'createVariations',
    needs: 'generate',
    attempts: [
      {
        what: "A's image",
        query: jobInput('Vary', 'createVariations', 'CreateVariationsInput'),
        variables: () => ({ input: { imageId: w.image.id, count: 1, width: 256, height: 256, steps: 1 } }),
        asB: noSuchImage('createVariations', 'input.imageId'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'editImage',
    needs: 'generate',
    attempts: [
      {
        what: "A's image (with B's image as the mask)",
        query: jobInput('Edit', 'editImage', 'EditImageInput'),
        variables: () => ({
          input: { imageId: w.image.id, prompt: 'a boat', maskImageId: w.bImage.id, steps: 1 },
        }),
        asB: noSuchImage('editImage', 'input.imageId'),
      },
      {
        what: "A's image as the mask of B's",
        query: jobInput('Edit', 'editImage', 'EditImageInput'),
        variables: () => ({
          input: { imageId: w.bImage.id, prompt: 'a boat', maskImageId: w.image.id, steps: 1 },
        }),
        asB: noSuchImage('editImage', 'input.maskImageId'),
      },
      {
        what: "A's image (with an uploaded mask)",
        query: jobInput('Edit', 'editImage', 'EditImageInput'),
        variables: () => ({ input: { imageId: w.image.id, prompt: 'a boat', mask: null, steps: 1 } }),
        files: async () => ({
          'variables.input.mask': {
            bytes: await png(32, 32, '#ffffff'),
            name: 'mask.png',
            type: 'image/png',
          },
        }),
        asB: noSuchImage('editImage', 'input.imageId'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'enhanceImage',
    needs: 'generate',
    attempts: [
      {
        what: "A's image",
        query: jobInput('Enhance', 'enhanceImage', 'EnhanceImageInput'),
        variables: () => ({ input: { imageId: w.image.id } }),
        asB: noSuchImage('enhanceImage', 'input.imageId'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'generateImages',
    needs: 'generate',
    attempts: [
      {
        what: "a job of B's own (not in A's list)",
        query: jobInput('Generate', 'generateImages', 'GenerateImagesInput'),
        variables: () => ({
          input: { prompt: 'a green hill', provider: 'local', width: 256, height: 256, steps: 1 },
        }),
        asB: async (answer, actor) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.generateImages.__typename).toBe('Job');
          await finishedJob(actor.http, answer.data.generateImages.id);
        },
        makesOwn: true,
      },
      {
        what: "A's template",
        query: jobInput('Generate', 'generateImages', 'GenerateImagesInput'),
        variables: () => ({
          input: {
            prompt: '',
            template: { id: w.template },
            provider: 'local',
            width: 256,
            height: 256,
            steps: 1,
          },
        }),
        asB: noSuchImage('generateImages', 'input.template.id'),
      },
      {
        what: "A's style preset",
        query: jobInput('Generate', 'generateImages', 'GenerateImagesInput'),
        variables: () => ({
          input: {
            prompt: 'a green hill',
            presetId: w.preset,
            provider: 'local',
            width: 256,
            height: 256,
            steps: 1,
          },
        }),
        asB: noSuchImage('generateImages', 'input.presetId'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'outpaintImage',
    needs: 'generate',
    attempts: [
      {
        what: "A's image",
        query: jobInput('Outpaint', 'outpaintImage', 'OutpaintImageInput'),
        variables: () => ({ input: { imageId: w.image.id, left: 32, provider: 'local' } }),
        asB: noSuchImage('outpaintImage', 'input.imageId'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'restyleImage',
    needs: 'generate',
    attempts: [
      {
        what: "A's image",
        query: jobInput('Restyle', 'restyleImage', 'RestyleImageInput'),
        variables: () => ({ input: { imageId: w.image.id, styleText: 'warm' } }),
        asB: noSuchImage('restyleImage', 'input.imageId'),
      },
      {
        what: "A's image as the style reference",
        query: jobInput('Restyle', 'restyleImage', 'RestyleImageInput'),
        variables: () => ({ input: { imageId: w.bImage.id, styleReferenceImageId: w.image.id } }),
        asB: noSuchImage('restyleImage', 'input.styleReferenceImageId'),
      },
    ],
  },
];
