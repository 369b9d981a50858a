/**
 * Claim: signing requests in costs little. Times the gallery query (first page of 50) with a
 * browser session cookie and with an API token, against the same query on a second server over the
 * same app with auth turned off (the raw work), interleaved in one run so machine noise hits all
 * three alike. Goal: ≤ 1.1× the unauthenticated time.
 */
import { sql } from 'kysely';
import { buildServer } from '../../apps/api/src/server';
import { startBenchStack, timedRequest } from '../support/stack';
import { printTable, summarize } from '../support/stats';

const IMAGES = 2_000;
const ROUNDS = 600;
const WARMUP = 60;

const Gallery = `query($first: Int) {
  images(first: $first) {
    edges { cursor node { id prompt width height thumbhash provider createdAt thumbnails { size url width height } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function main() {
  const stack = await startBenchStack({ worker: false });
  const open = await buildServer(stack.app, { unauthenticatedViewer: stack.owner, rateLimits: false }).listen(
    0,
    '127.0.0.1',
  );
  try {
    await sql`
      insert into image (owner_id, blob_key, width, height, mime, bytes, thumbhash, prompt, provider, model, seed, created_at)
      select ${stack.owner.id}::uuid, lpad(to_hex(g), 64, '0') || '.png', 1024, 1024, 'image/png', 200000,
             'YJqGPQw7sFlslqhFafSE+Q6oJ1h2iHB2Rw==', 'prompt number ' || g, 'local', 'procedural-v1', g,
             now() - make_interval(secs => g * 30)
      from generate_series(1, ${IMAGES}) as g`.execute(stack.app.db);
    await sql`analyze`.execute(stack.app.db);

    const variants: { name: string; url: string; headers: Record<string, string> }[] = [
      { name: 'auth off (raw)', url: open.url, headers: {} },
      { name: 'session cookie', url: stack.server.url, headers: { cookie: stack.cookie } },
      { name: 'API token', url: stack.server.url, headers: { authorization: stack.authorization } },
    ];
    const http = variants.map(() => [] as number[]);
    const server = variants.map(() => [] as number[]);
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      // Rotate who goes first so no variant always gets the warm cache.
      for (let k = 0; k < variants.length; k++) {
        const index = (round + k) % variants.length;
        const { url, headers, name } = variants[index]!;
        const started = performance.now();
        const { data, serverMs } = await timedRequest(url, headers, Gallery, { first: 50 });
        const elapsed = performance.now() - started;
        if (data.images.edges.length !== 50) throw new Error(`${name}: expected a full page`);
        if (round >= WARMUP) {
          http[index]!.push(elapsed);
          server[index]!.push(serverMs);
        }
      }
    }

    const baseline = { http: summarize(http[0]!), server: summarize(server[0]!) };
    printTable(
      `Gallery first page (50 of ${IMAGES.toLocaleString('en')} images), ${ROUNDS} requests each, interleaved (ms)`,
      variants.map(({ name }, i) => {
        const h = summarize(http[i]!);
        const s = summarize(server[i]!);
        return {
          variant: name,
          'http p50': h.p50,
          'http p99': h.p99,
          'server p50': s.p50,
          'server p99': s.p99,
          'ratio (http p50)': h.p50 / baseline.http.p50,
          'ratio (server p50)': s.p50 / baseline.server.p50,
        };
      }),
    );
    console.log('\nGoal: session cookie and API token each ≤ 1.1× auth off (http p50).');
  } finally {
    await open.stop();
    await stack.close();
  }
}

await main();
