import type { CombinedError } from 'urql';
import { requestFailedMessage, sentence } from '../auth/form-errors';

/** What a collection mutation answered, as the documents here select it. */
export interface CollectionOutcome {
  __typename?: string;
  message?: string;
  issues?: readonly { field: string; message: string }[];
}

/** Plain words for a failed collection change: what happened, and what to do. */
export function collectionErrorMessage(
  outcome: CollectionOutcome | null | undefined,
  error: CombinedError | undefined,
): string | null {
  if (error || !outcome) return requestFailedMessage(error);
  const kind = outcome.__typename;
  if (kind === 'Collection' || kind === 'DeleteCollectionPayload') return null;
  if (kind === 'SmartCollectionError') {
    return 'This is a smart collection: its saved search decides its images. Change the search instead.';
  }
  if (kind === 'NotFoundError') {
    return 'That collection no longer exists. It may have been deleted in another tab.';
  }
  if (kind === 'InvalidInputError') {
    return (
      (outcome.issues ?? []).map((issue) => sentence(issue.message)).join(' ') ||
      sentence(outcome.message ?? 'Check the fields and try again.')
    );
  }
  return sentence(outcome.message ?? 'The server refused the change. Try again.');
}
