import { ProviderError, type ResultFetcher } from '@atelier/providers';
import { UrlFetchError, UrlFetchRepository } from '../repositories/url-fetch.repository';

/**
 * Provider results come from whatever CDN the provider uses today (Ideogram has served from
 * CloudFront): any public https host is accepted, through the SSRF-safe fetcher, which sends no
 * credentials. `trustedHosts` adds hosts that are private or plain http (loopback fakes).
 */
export function createResultFetcher(trustedHosts: readonly string[]): ResultFetcher {
  const urlFetch = new UrlFetchRepository({ httpsOnly: true, trustedHosts });
  return async (url, { maxBytes, timeoutMs, signal, provider }) => {
    try {
      const { bytes } = await urlFetch.fetch(url, { maxBytes, timeoutMs, signal });
      return bytes;
    } catch (error) {
      throw error instanceof UrlFetchError ? toProviderError(error, provider) : error;
    }
  };
}

function toProviderError(error: UrlFetchError, provider: string): ProviderError {
  const status = error.status;
  switch (error.reason) {
    case 'INVALID_URL':
    case 'FORBIDDEN_ADDRESS':
    case 'TOO_MANY_REDIRECTS':
    case 'TOO_LARGE':
      return new ProviderError({
        code: 'API_ERROR',
        message: `${provider}'s result link was refused: ${error.message}`,
        details: { resultRefused: error.reason },
      });
    case 'HTTP_ERROR':
      return status === 403 || status === 404 || status === 410
        ? new ProviderError({
            code: 'API_ERROR',
            message: `${provider}'s result link no longer works (HTTP ${status}); it may have expired`,
            details: { status },
          })
        : new ProviderError({
            code: 'PROVIDER_UNAVAILABLE',
            message: `Downloading the result from ${provider} failed (HTTP ${status ?? '?'})`,
            retryable: true,
            details: { status, sent: true },
          });
    case 'TIMEOUT':
      return new ProviderError({
        code: 'TIMEOUT',
        message: `Downloading the result from ${provider} took too long`,
        retryable: true,
        details: { sent: true },
      });
    case 'NETWORK':
      return new ProviderError({
        code: 'PROVIDER_UNAVAILABLE',
        message: `Could not download the result from ${provider}: ${error.message}`,
        retryable: true,
        details: { sent: true },
      });
  }
}
