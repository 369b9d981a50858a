import type { Plugin } from 'graphql-yoga';

/** Adds the Set-Cookie headers a request's resolvers asked for (see httpSession) to its response. */
export function useSetCookies(cookiesOf: WeakMap<Request, string[]>): Plugin {
  return {
    onResponse({ request, response }) {
      for (const cookie of cookiesOf.get(request) ?? []) response.headers.append('set-cookie', cookie);
    },
  };
}
