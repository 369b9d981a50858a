import type { Cache, Data, ResolveInfo, Variables } from '@urql/exchange-graphcache';
import { RENDITION_PARAM } from '../offline/cache-names';

/**
 * Thumbnail URLs as the app uses them: marked as renditions (the server ignores the mark), so the
 * service worker keeps these for offline browsing and never the originals (`lib/offline/`).
 */
export function renditionUrl(_parent: Data, _args: Variables, cache: Cache, info: ResolveInfo) {
  const url = cache.resolve(info.parentKey, info.fieldName);
  if (typeof url !== 'string' || url.includes(`${RENDITION_PARAM}=`)) return url;
  const size = cache.resolve(info.parentKey, 'size');
  return `${url}${url.includes('?') ? '&' : '?'}${RENDITION_PARAM}=${typeof size === 'number' ? size : 1}`;
}
