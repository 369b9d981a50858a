import { useState } from 'react';
import { useClient } from 'urql';
import type { JobCard_JobFragment } from '../../../gql/graphql';
import { refusalMessage } from '../../auth/form-errors';
import { useProviderName } from '../../generate/use-providers';
import { explainJobError } from '../../job/job-errors';
import { useJobSubmit } from '../../job/use-job-submit';
import { useEditor } from '../editor-context';
import { onGenerate, SAVE_STEP, savedImageFor, type GenerateParams, type GenerateStage } from './generate';

/** Fields of the generative panels that show their own errors. */
const FIELDS = new Set([
  'provider',
  'model',
  'count',
  'prompt',
  'styleText',
  'strength',
  'mask',
  'top',
  'right',
  'bottom',
  'left',
]);

const withoutInput = (path: string) => path.replace(/^input\./, '');

const isSaveStep = (details: unknown) =>
  !!details && typeof details === 'object' && (details as { step?: unknown }).step === SAVE_STEP;

/**
 * Runs generative jobs from the editor (see onGenerate): saves unsaved operations first when there
 * are any, says where it is, puts the server's complaints beside their fields, and remembers the
 * job queued so the panel can follow it to its result.
 */
export function useGenerativeRun(provider: string | undefined) {
  const editor = useEditor();
  const client = useClient();
  const providerName = useProviderName();
  const [stage, setStage] = useState<GenerateStage | null>(null);
  const [job, setJob] = useState<JobCard_JobFragment | null>(null);
  /** The image the unsaved edits were saved as, when a run saved them first. */
  const [savedAs, setSavedAs] = useState<string | null>(null);
  const submitter = useJobSubmit<string>({
    onQueued: setJob,
    fieldOf: (path) => (FIELDS.has(withoutInput(path)) ? withoutInput(path) : null),
    listedName: withoutInput,
    refusal: (outcome) => {
      if (outcome.code === 'SERVICE_UNAVAILABLE') return refusalMessage(outcome);
      if (isSaveStep(outcome.details)) return outcome.message;
      const id = provider ?? '';
      const explanation = explainJobError(outcome, { name: providerName(id), id });
      const said = outcome.message && outcome.message !== explanation.title ? ` ${outcome.message}.` : '';
      return `${explanation.title}.${said} ${explanation.advice}`;
    },
  });

  const run = (params: GenerateParams) =>
    submitter.submit(async () => {
      setJob(null);
      setSavedAs(null);
      try {
        const { error, outcome, sourceImageId } = await onGenerate(params, {
          client,
          imageId: editor.image.id,
          operations: editor.dirty ? editor.operations : [],
          onStage: setStage,
        });
        if (sourceImageId && sourceImageId !== editor.image.id) setSavedAs(sourceImageId);
        return { error, outcome };
      } finally {
        setStage(null);
      }
    });

  const operations = editor.dirty ? editor.operations : [];
  const alreadySaved = operations.length > 0 ? (savedImageFor(editor.image.id, operations) ?? null) : null;
  return {
    ...submitter,
    run,
    stage,
    job,
    savedAs: savedAs ?? alreadySaved,
    unsaved: alreadySaved ? 0 : operations.length,
  };
}
