import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { validateOperations, type EditOperation } from '@atelier/image-edits';
import { graphql } from '../../gql';
import { imageHref } from '../../lib/links';
import { refusalMessage } from '../auth/form-errors';
import { JobCard_JobById } from '../job/job-card';
import { stageText } from '../job/job-stage';
import { useJobSubmit } from '../job/use-job-submit';
import type { EditorImage } from './editor-context';
import { issueTarget, toOperationInput } from './operations-input';

export const ImageEditor_ApplyImageEdits = graphql(`
  mutation ImageEditor_ApplyImageEdits($input: ApplyImageEditsInput!) {
    applyImageEdits(input: $input) {
      __typename
      ... on Job {
        ...JobCard_Job
      }
      ...FormErrors_Error
      ...QuotaMessage_Error
    }
  }
`);

/** A problem with one operation of the list sent (its index in that list). */
export interface OperationIssue {
  index: number;
  field: string | null;
  message: string;
}

/**
 * Saving: the list is checked here with the server's own rules, sent with `applyImageEdits`, and
 * the job followed (the app's job watcher keeps it current in the cache) until the new image
 * exists, which then opens. Problems come back per operation.
 */
export function useSaveEdits(image: EditorImage, onSaved?: () => void) {
  const navigate = useNavigate();
  const [, applyImageEdits] = useMutation(ImageEditor_ApplyImageEdits);
  const [jobId, setJobId] = useState<string | null>(null);
  const [localIssues, setLocalIssues] = useState<OperationIssue[]>([]);
  const [localMessage, setLocalMessage] = useState<string | null>(null);
  const submit = useJobSubmit<string>({
    onQueued: (job) => setJobId(job.id),
    fieldOf: (path) => (issueTarget(path) ? path : null),
    refusal: (outcome) =>
      outcome.code === 'SERVICE_UNAVAILABLE' ? refusalMessage(outcome) : `Not saved: ${outcome.message}`,
  });
  const [{ data }] = useQuery({
    query: JobCard_JobById,
    variables: { id: jobId ?? '' },
    pause: !jobId,
  });
  const job = jobId ? data?.job : null;
  const result = job?.status === 'SUCCEEDED' ? job.images[0] : undefined;

  useEffect(() => {
    if (!result) return;
    onSaved?.();
    void navigate(imageHref(result.id));
  }, [result, navigate, onSaved]);

  const start = async (operations: EditOperation[]) => {
    setLocalMessage(null);
    const problems = validateOperations(operations, { width: image.width, height: image.height });
    const issues = problems.flatMap((problem) =>
      problem.index === null
        ? []
        : [{ index: problem.index, field: problem.field, message: problem.message }],
    );
    setLocalIssues(issues);
    const general = problems.filter((problem) => problem.index === null).map((problem) => problem.message);
    if (problems.length > 0) {
      setLocalMessage(`Not saved: ${general.length > 0 ? general.join('; ') : 'see the marked operations'}.`);
      return;
    }
    setJobId(null);
    await submit.submit(async () => {
      const answer = await applyImageEdits({
        input: { imageId: image.id, operations: operations.map(toOperationInput) },
      });
      return { error: answer.error, outcome: answer.data?.applyImageEdits };
    });
  };

  const serverIssues: OperationIssue[] = Object.entries(submit.errors).flatMap(([path, message]) => {
    const target = issueTarget(path);
    return target && message ? [{ ...target, message }] : [];
  });

  const running = !!job && (job.status === 'QUEUED' || job.status === 'RUNNING');
  const failed = job && (job.status === 'FAILED' || job.status === 'CANCELED');
  const message =
    localMessage ??
    submit.formError ??
    (failed
      ? `Not saved: ${job.error?.message ?? 'the job stopped'}. Your edit is still here; try again.`
      : null) ??
    (serverIssues.length > 0 ? 'Not saved: see the marked operations.' : null);

  /** Forgets the last answer (the list changed: its problems may no longer apply). */
  const clear = () => {
    setLocalIssues((prev) => (prev.length === 0 ? prev : []));
    setLocalMessage(null);
    submit.setErrors((prev) => (Object.keys(prev).length === 0 ? prev : {}));
    submit.setFormError(null);
  };

  return {
    clear,
    busy: submit.pending || running || !!result,
    progress: running ? job.progress : submit.pending ? 0 : null,
    stage: running ? stageText(job) : submit.pending ? 'sending' : '',
    message,
    issues: localIssues.length > 0 ? localIssues : serverIssues,
    start,
  };
}
