import type { CombinedError } from 'urql';
import { requestFailedMessage, sentence, type TypedErrorLike } from '../auth/form-errors';

/** The server's limits (docs/accounts.md, "Bringing images in"), checked here before sending. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const IMPORT_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const IMPORT_ACCEPT = IMPORT_TYPES.join(',');

/** Why a file cannot be sent at all, in words; null when it may be. */
export function refuseBeforeUpload(file: File): string | null {
  if (file.type && !(IMPORT_TYPES as readonly string[]).includes(file.type)) {
    return `${file.name} is not a PNG, JPEG or WebP image.`;
  }
  if (file.size > MAX_IMPORT_BYTES) {
    return `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; images can be at most 20 MB.`;
  }
  return null;
}

/** The server's refusal of an import, in words (its issues name the file or the URL). */
export function importRefusal(outcome: TypedErrorLike): string {
  const issues = outcome.issues?.map((issue) => sentence(issue.message)) ?? [];
  if (issues.length > 0) return issues.join(' ');
  return sentence(outcome.message ?? 'The image was refused');
}

/** Why an import got no typed answer: a body over the upload limit, or the network. */
export function importFailure(error: CombinedError | undefined): string {
  const status = (error?.response as { status?: number } | undefined)?.status;
  if (status === 413 || error?.graphQLErrors.some((e) => e.extensions?.code === 'REQUEST_TOO_LARGE')) {
    return 'The file is too large: images can be at most 20 MB.';
  }
  return requestFailedMessage(error);
}
