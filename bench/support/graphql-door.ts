import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { BenchStack } from './stack';

const Generate = `mutation($input: GenerateImagesInput!) {
  generateImages(input: $input) { __typename ... on Job { id } ... on Error { message } }
}`;
const JobUpdated = `subscription($id: ID!) {
  jobUpdated(id: $id) { id status progress images { id width height seed thumbnails { size url } } }
}`;

/**
 * The GraphQL path as the web app takes it, the baseline the other doors are measured against:
 * `generateImages`, then `jobUpdated` over graphql-ws until the job ends, with its images.
 */
export function graphqlGenerateDoor(stack: BenchStack, params: Record<string, unknown>) {
  const ws = createClient({
    url: `${stack.server.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: stack.authorization },
    lazy: false,
    retryAttempts: 0,
  });
  return {
    /** Resolves with the finished job. */
    async generate(prompt: string): Promise<{ status: string; images: unknown[] }> {
      const started = await stack.graphql(Generate, { input: { ...params, prompt } });
      if (started.generateImages.__typename !== 'Job') throw new Error(started.generateImages.message);
      let last: { status: string; images: unknown[] } | undefined;
      for await (const result of ws.iterate<{ jobUpdated: { status: string; images: unknown[] } }>({
        query: JobUpdated,
        variables: { id: started.generateImages.id },
      })) {
        if (result.errors) throw new Error(JSON.stringify(result.errors));
        last = result.data!.jobUpdated;
      }
      return last!;
    },
    dispose: () => ws.dispose(),
  };
}
