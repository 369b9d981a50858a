export type UrlFetchErrorReason =
  | 'INVALID_URL'
  | 'FORBIDDEN_ADDRESS'
  | 'TOO_LARGE'
  | 'TIMEOUT'
  | 'HTTP_ERROR'
  | 'TOO_MANY_REDIRECTS'
  | 'NETWORK';

/** A fetch that failed for a reason we can tell the person who supplied the URL. */
export class UrlFetchError extends Error {
  override readonly name = 'UrlFetchError';

  constructor(
    readonly reason: UrlFetchErrorReason,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
