import { InvalidInputError } from '@atelier/domain';
import { z } from 'zod';
import { builder } from '../builder';
import { requireViewer } from '../viewer';
import { ImageRef } from './image';

builder.mutationFields((t) => ({
  importImage: t.field({
    type: ImageRef,
    authScopes: { generate: true },
    errors: { types: [InvalidInputError], directResult: true },
    description:
      'Add an image from your computer (PNG, JPEG or WebP, at most 20 MB and 50 megapixels). It is re-encoded, without its metadata.',
    args: {
      file: t.arg({ type: 'File', required: true, description: 'The image file (multipart request).' }),
    },
    resolve: (_root, { file }, ctx) => ctx.services.imports.importImage(requireViewer(ctx), file),
  }),
  importImageFromUrl: t.field({
    type: ImageRef,
    authScopes: { generate: true },
    errors: { types: [InvalidInputError], directResult: true },
    description: 'Add an image from a public http(s) URL. Private and internal addresses are refused.',
    args: {
      url: t.arg.string({
        required: true,
        description: 'The image URL.',
        validate: z.string().min(1).max(2048),
      }),
    },
    resolve: (_root, { url }, ctx) => ctx.services.imports.importImageFromUrl(requireViewer(ctx), url),
  }),
}));
