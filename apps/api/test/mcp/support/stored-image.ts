import type { ImageRecord, Viewer } from '@atelier/domain';
import sharp from 'sharp';
import type { App } from '../../../src/app';
import type { ImageOverrides } from '../../support/factories';

let counter = 0;

/**
 * An image with real files (the original and its 256/768 px WebP renditions), stored the way an
 * upload is, then given the provenance a generated image would have.
 */
export async function storedImage(
  app: App,
  owner: Viewer,
  overrides: Omit<ImageOverrides, 'blobKey'> = {},
): Promise<ImageRecord> {
  counter += 1;
  const png = await sharp({
    create: { width: 1200, height: 800, channels: 3, background: { r: (counter * 53) % 256, g: 90, b: 160 } },
  })
    .png()
    .toBuffer();
  const file = new File([Uint8Array.from(png)], `stored-${counter}.png`, { type: 'image/png' });
  const imported = await app.services.imports.importImage(owner, file);
  await app.db
    .updateTable('image')
    .set({
      prompt: overrides.prompt ?? `stored image ${counter}`,
      provider: overrides.provider ?? 'local',
      model: overrides.model ?? 'procedural-v1',
      operation: overrides.operation ?? 'GENERATE',
      tags: overrides.tags ?? [],
      starred: overrides.starred ?? false,
      ...(overrides.createdAt && { createdAt: overrides.createdAt }),
    })
    .where('id', '=', imported.id)
    .execute();
  const [image] = await app.services.images.loadMany(owner, [imported.id]);
  return image!;
}
