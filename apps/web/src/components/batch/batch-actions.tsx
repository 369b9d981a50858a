import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useClient, useMutation } from 'urql';
import { graphql } from '../../gql';
import type { BatchActions_RunAgainSourceQuery, CreateBatchInput } from '../../gql/graphql';
import { AddToCollectionDialog } from '../collections/add-to-collection-dialog';
import { batchGalleryHref } from '../gallery/gallery-filter';
import { useToast } from '../ui/toast';

/** What running a batch again needs, read when asked: the page itself stays within the cost limit. */
export const BatchActions_RunAgainSource = graphql(`
  query BatchActions_RunAgainSource($id: ID!) {
    batch(id: $id) {
      id
      kind
      title
      collection {
        id
      }
      items {
        edges {
          node {
            index
            prompt
            target {
              provider
              model
            }
            job {
              id
              input {
                provider
                model
                count
                width
                height
                aspectRatio
                quality
                steps
                style
                negativePrompt
                magicPrompt
                fallbackProviders
              }
            }
          }
        }
      }
    }
  }
`);

export const BatchActions_RunAgain = graphql(`
  mutation BatchActions_RunAgain($input: CreateBatchInput!) {
    createBatch(input: $input) {
      __typename
      ... on Batch {
        id
      }
      ... on Error {
        message
      }
    }
  }
`);

/** The batch as its page already has it: no selection of its own, so the page's cost stays put. */
interface Batch {
  id: string;
  collection: { id: string } | null;
  items: { edges: readonly { node: { job: { images: readonly { id: string }[] } } }[] };
}
type Source = NonNullable<BatchActions_RunAgainSourceQuery['batch']>;

/** The same batch submitted again: its prompts (or compare targets) and the settings its items ran with. */
export function runAgainInput(batch: Source): CreateBatchInput {
  const items = batch.items.edges.map((edge) => edge.node);
  const first = items[0]?.job.input;
  const title = `${batch.title} (again)`;
  const collectionId = batch.collection?.id ?? null;
  if (batch.kind === 'COMPARE') {
    return {
      title,
      collectionId,
      compare: {
        prompt: items[0]?.prompt ?? '',
        targets: items.map((item) => ({
          provider: item.target?.provider ?? item.job.input.provider,
          model: item.target?.model ?? item.job.input.model ?? null,
        })),
      },
      ...(first && { count: first.count, quality: first.quality, style: first.style }),
    };
  }
  return {
    title,
    collectionId,
    prompts: items.map((item) => ({
      prompt: item.prompt,
      negativePrompt: item.job.input.negativePrompt ?? null,
    })),
    ...(first && {
      provider: first.provider,
      model: first.model,
      count: first.count,
      quality: first.quality,
      steps: first.steps,
      style: first.style,
      magicPrompt: first.magicPrompt,
      fallbackProviders: first.fallbackProviders,
      // A ratio when the model takes one; otherwise the size itself.
      ...(first.aspectRatio
        ? { aspectRatio: first.aspectRatio }
        : { width: first.width, height: first.height }),
    }),
  };
}

/**
 * What a finished batch leads to: its images in the gallery (its collection's, or else just the
 * batch's), adding them to a collection, and running it again.
 */
export function BatchActions({ batch, finished }: { batch: Batch; finished: boolean }) {
  const [adding, setAdding] = useState(false);
  const [{ fetching }, runAgain] = useMutation(BatchActions_RunAgain);
  const client = useClient();
  const navigate = useNavigate();
  const toast = useToast();
  const imageIds = batch.items.edges.flatMap((edge) => edge.node.job.images.map((image) => image.id));

  const again = async () => {
    const source = await client
      .query(BatchActions_RunAgainSource, { id: batch.id }, { requestPolicy: 'network-only' })
      .toPromise();
    if (!source.data?.batch) {
      toast.show({ tone: 'error', message: 'Could not read the batch to run it again; try again.' });
      return;
    }
    const result = await runAgain({ input: runAgainInput(source.data.batch) });
    const outcome = result.data?.createBatch;
    if (outcome?.__typename === 'Batch') {
      void navigate(`/batches/${encodeURIComponent(outcome.id)}`);
      return;
    }
    const message = result.error?.message ?? (outcome && 'message' in outcome ? outcome.message : null);
    toast.show({ tone: 'error', message: `Could not run the batch again: ${message ?? 'try again'}.` });
  };

  return (
    <>
      {imageIds.length > 0 && (
        <Link
          className="button"
          to={
            batch.collection
              ? `/gallery?collection=${encodeURIComponent(batch.collection.id)}`
              : batchGalleryHref(batch.id)
          }
        >
          Open in gallery
        </Link>
      )}
      {imageIds.length > 0 && (
        <button type="button" className="button" onClick={() => setAdding(true)}>
          Add all to a collection
        </button>
      )}
      {finished && (
        <button type="button" className="button" disabled={fetching} onClick={() => void again()}>
          Run again
        </button>
      )}
      <AddToCollectionDialog imageIds={imageIds} open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
