/*
 * "Generate from here" (the plan's `onGenerate(params)`): sends the picture as the editor shows it
 * as the source of a variation, restyle, inpaint or outpaint job. Unsaved editor operations are
 * first saved as a new image (applyImageEdits, followed to its end); the job then runs on that
 * image. Without unsaved operations the open image is used as it is.
 */
import type { EditOperation } from '@atelier/image-edits';
import type { Client, CombinedError } from 'urql';
import type { JobCard_JobFragment, VariationStrength } from '../../../gql/graphql';
import { RestyleForm_RestyleImage } from '../../image-actions/restyle-form';
import { VariationsForm_CreateVariations } from '../../image-actions/variations-form';
import type { JobOutcome, JobRefusal } from '../../job/use-job-submit';
import { Generative_EditImage, Generative_OutpaintImage } from './documents';
import type { Margins } from './outpaint-margins';
import { saveEdits } from './save-edits';
import { JobEndedError, waitForJob } from './wait-for-job';

export interface ProviderParams {
  provider?: string;
  model?: string;
  fallbackProviders?: string[];
}

export type GenerateParams = ProviderParams &
  (
    | { kind: 'VARIATION'; prompt?: string; strength?: VariationStrength; count?: number }
    | { kind: 'RESTYLE'; styleText: string; prompt?: string; count?: number }
    /** Inpaint: `mask` is a PNG of the picture's size, white where to change. */
    | { kind: 'EDIT'; prompt: string; mask: File | Blob; count?: number }
    | { kind: 'OUTPAINT'; margins: Margins; prompt?: string }
  );

export type GenerateKind = GenerateParams['kind'];

/** Where a run is: saving the editor's operations first, then sending the job. */
export type GenerateStage =
  { step: 'saving'; job: JobCard_JobFragment | null } | { step: 'sending'; sourceImageId: string };

export interface GenerateContext {
  client: Client;
  /** The image open in the editor. */
  imageId: string;
  /** The editor's unsaved operations; none means the image is sent as it is. */
  operations: readonly EditOperation[];
  onStage?: (stage: GenerateStage) => void;
  signal?: AbortSignal;
}

export interface GenerateResult {
  error?: CombinedError | undefined;
  /** The job queued, or why the server refused (the save's refusal, when it was the save). */
  outcome?: JobOutcome | null | undefined;
  /** The image the job was sent for: the open one, or the one the save made. */
  sourceImageId: string | null;
}

const nonEmpty = <T>(list: readonly T[] | undefined) => (list && list.length > 0 ? [...list] : undefined);

function providerInput(params: ProviderParams) {
  return {
    ...(params.provider && { provider: params.provider }),
    ...(params.model && { model: params.model }),
    ...(nonEmpty(params.fallbackProviders) && { fallbackProviders: nonEmpty(params.fallbackProviders) }),
  };
}

const trimmed = (text: string | undefined) => (text?.trim() ? { prompt: text.trim() } : {});

async function send(client: Client, params: GenerateParams, imageId: string) {
  const base = { imageId, ...providerInput(params) };
  switch (params.kind) {
    case 'VARIATION': {
      const result = await client
        .mutation(VariationsForm_CreateVariations, {
          input: {
            ...base,
            ...trimmed(params.prompt),
            ...(params.strength && { strength: params.strength }),
            ...(params.count && { count: params.count }),
          },
        })
        .toPromise();
      return { error: result.error, outcome: result.data?.createVariations };
    }
    case 'RESTYLE': {
      const result = await client
        .mutation(RestyleForm_RestyleImage, {
          input: {
            ...base,
            styleText: params.styleText.trim(),
            ...trimmed(params.prompt),
            ...(params.count && { count: params.count }),
          },
        })
        .toPromise();
      return { error: result.error, outcome: result.data?.restyleImage };
    }
    case 'EDIT': {
      const result = await client
        .mutation(Generative_EditImage, {
          input: {
            ...base,
            prompt: params.prompt.trim(),
            mask: params.mask,
            ...(params.count && { count: params.count }),
          },
        })
        .toPromise();
      return { error: result.error, outcome: result.data?.editImage };
    }
    case 'OUTPAINT': {
      const result = await client
        .mutation(Generative_OutpaintImage, {
          input: { ...base, ...params.margins, ...trimmed(params.prompt) },
        })
        .toPromise();
      return { error: result.error, outcome: result.data?.outpaintImage };
    }
  }
}

/** Marks a refusal that is about saving the edits, not about the job asked for. */
export const SAVE_STEP = 'save-edits';

function saveFailure(message: string, code: JobRefusal['code'] = 'INVALID_STATE'): JobRefusal {
  return {
    __typename: 'BaseError',
    code,
    message: `Your edits could not be saved as a new image, so nothing was sent: ${message}`,
    details: { step: SAVE_STEP },
  };
}

/**
 * Edit lists already saved in this tab, by image and list: running again on the same unsaved list
 * reuses the image the first run made instead of saving another copy.
 */
const savedLists = new Map<string, string>();

export function savedImageFor(imageId: string, operations: readonly EditOperation[]): string | undefined {
  return savedLists.get(JSON.stringify([imageId, operations]));
}

/**
 * Runs `params` on the picture as the editor shows it. Never rejects for a refusal or a failed
 * save: those come back as the outcome (a save failure as a BaseError whose `details.step` is
 * {@link SAVE_STEP}), so one place explains them.
 */
export async function onGenerate(params: GenerateParams, context: GenerateContext): Promise<GenerateResult> {
  const { client, operations, onStage, signal } = context;
  let sourceImageId = savedImageFor(context.imageId, operations) ?? context.imageId;
  if (operations.length > 0 && sourceImageId === context.imageId) {
    onStage?.({ step: 'saving', job: null });
    const saved = await saveEdits(client, context.imageId, operations);
    if (saved.error || saved.outcome?.__typename !== 'Job') {
      return { error: saved.error, outcome: saved.outcome, sourceImageId: null };
    }
    onStage?.({ step: 'saving', job: saved.outcome });
    let made: { id: string } | undefined;
    try {
      const finished = await waitForJob(client, saved.outcome.id, {
        onUpdate: (job) => onStage?.({ step: 'saving', job }),
        ...(signal && { signal }),
      });
      made = finished.images[0];
    } catch (error) {
      if (error instanceof JobEndedError) {
        return { outcome: saveFailure(error.message, error.job.error?.code), sourceImageId: null };
      }
      return { error: error as CombinedError, sourceImageId: null };
    }
    if (!made) return { outcome: saveFailure('the save finished without an image.'), sourceImageId: null };
    sourceImageId = made.id;
    savedLists.set(JSON.stringify([context.imageId, operations]), made.id);
  }
  onStage?.({ step: 'sending', sourceImageId });
  const { error, outcome } = await send(client, params, sourceImageId);
  return { error, outcome, sourceImageId };
}
