import type { Plugin } from 'graphql-yoga';

/** Tells clients how long the server spent on each request (`Server-Timing: total;dur=ms`). */
export function useServerTiming(): Plugin {
  const started = new WeakMap<Request, number>();
  return {
    onRequest({ request }) {
      started.set(request, performance.now());
    },
    onResponse({ request, response }) {
      const start = started.get(request);
      if (start !== undefined) {
        response.headers.set('server-timing', `total;dur=${(performance.now() - start).toFixed(2)}`);
      }
    },
  };
}
