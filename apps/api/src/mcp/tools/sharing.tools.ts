import { InvalidInputError } from '@atelier/domain';
import { z } from 'zod';
import { defineTool } from '../tool-kit';
import { notFound, recordId } from './tool-inputs';

const DAY_MS = 86_400_000;

export const shareImage = defineTool({
  name: 'share_image',
  title: 'Share an image publicly',
  description:
    "Makes a PUBLIC, read-only link to one of the person's images: anyone with the URL can see the image (and its prompt and parameters unless hideParams is true), without signing in, until it expires or the person revokes it in Atelier. Only do this when the person asked to share. Each call makes a new link. Free. Returns the page URL to give the person and a direct URL of the image file.",
  scope: 'generate',
  input: {
    imageId: recordId('image', 'search_images or a generate tool'),
    expiresInDays: z
      .number()
      .positive('expiresInDays must be more than 0')
      .max(3650, 'expiresInDays must be at most 3650')
      .optional()
      .describe(
        'Stop working after this many days (fractions allowed, e.g. 0.5); never expires when omitted.',
      ),
    hideParams: z
      .boolean()
      .default(false)
      .describe('Hide the prompt and parameters from whoever opens the link.'),
  },
  output: {
    url: z.string().describe('The public page of the image: give this to the person'),
    imageUrl: z.string().describe('The image file itself, through the link'),
    linkId: z.string(),
    imageId: z.string(),
    expiresAt: z.string().nullable().describe('When it stops working; null: never'),
    hideParams: z.boolean(),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(args, ctx) {
    const [image] = await ctx.app.services.images.loadMany(ctx.viewer, [args.imageId]);
    if (!image) throw notFound('image', 'imageId', 'search_images');
    let link;
    try {
      link = await ctx.app.services.sharing.create(ctx.viewer, {
        imageId: image.id,
        collectionId: null,
        expiresAt:
          args.expiresInDays === undefined ? null : new Date(Date.now() + args.expiresInDays * DAY_MS),
        hideParams: args.hideParams,
      });
    } catch (error) {
      // The image went between the two reads: the same answer as for any unknown id.
      if (error instanceof InvalidInputError && error.code === 'NOT_FOUND') {
        throw notFound('image', 'imageId', 'search_images');
      }
      throw error;
    }
    const url = `${ctx.baseUrl}/s/${link.token}`;
    const file = ctx.app.services.images.fileUrl(image.blobKey);
    const imageUrl = `${/^https?:\/\//.test(file) ? '' : ctx.baseUrl}${file}?share=${encodeURIComponent(link.token)}`;
    const until = link.expiresAt ? `until ${link.expiresAt.toISOString()}` : 'until revoked';
    return {
      content: [{ type: 'text', text: `Anyone with this link can see the image ${until}: ${url}` }],
      structuredContent: {
        url,
        imageUrl,
        linkId: link.id,
        imageId: image.id,
        expiresAt: link.expiresAt?.toISOString() ?? null,
        hideParams: link.hideParams,
      },
    };
  },
});
