import type { EditOperation } from '@atelier/image-edits';
import type { Client } from 'urql';
import type { JobOutcome } from '../../job/use-job-submit';
import { toOperationInput } from '../operations-input';
import { ImageEditor_ApplyImageEdits } from '../save-edits';

/** Saves the editor's operations as a new image: the editor's own save, outside React. */
export async function saveEdits(client: Client, imageId: string, operations: readonly EditOperation[]) {
  const result = await client
    .mutation(ImageEditor_ApplyImageEdits, {
      input: { imageId, operations: operations.map(toOperationInput) },
    })
    .toPromise();
  return { error: result.error, outcome: result.data?.applyImageEdits as JobOutcome | null | undefined };
}
