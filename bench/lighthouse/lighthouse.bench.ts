/**
 * Claim: a signed-in person's first screen (/, Create with the newest images) and their gallery
 * of 48 images (/gallery) score ≥ 98 in Lighthouse's desktop performance audit with LCP ≤ 0.8 s,
 * close to the floor set by a plain HTML page showing the same 48 thumbnails with no app at all,
 * served from the same machine in the same run.
 * Lighthouse 12 (Node ≥ 18) drives Debian's Chromium; each page is audited RUNS times, medians printed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { percentile, printTable } from '../support/stats';
import { startBenchStack, untilNoOpenJobs } from '../support/stack';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const JOBS = 12;
const PER_JOB = 4;
const webDist = fileURLToPath(new URL('../../apps/web/dist', import.meta.url));

const Generate = `mutation($input: GenerateImagesInput!) { generateImages(input: $input) { __typename ... on Job { id } ... on Error { message } } }`;
const Thumbnails = `query { images(first: 50) { edges { node { width height thumbnails { size url } } } } }`;

interface Audit {
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
}

async function audit(url: string, port: number, headers: Record<string, string>): Promise<Audit> {
  const result = await lighthouse(
    url,
    { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'], extraHeaders: headers },
    desktopConfig,
  );
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
  const value = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    fcp: value('first-contentful-paint'),
    lcp: value('largest-contentful-paint'),
    tbt: value('total-blocking-time'),
    cls: value('cumulative-layout-shift'),
  };
}

/** The same thumbnails as plain <img> tags: what a browser needs at the least to paint that screen. */
async function startPlainPage(thumbnails: { url: string; bytes: Buffer; width: number; height: number }[]) {
  const tiles = thumbnails
    .map((t, i) => `<img src="/t/${i}.webp" width="${t.width}" height="${t.height}" alt="">`)
    .join('');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Plain gallery</title><style>body{margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:8px}img{width:100%;height:auto}</style></head><body>${tiles}</body></html>`;
  const server = createServer((req, res) => {
    const match = /^\/t\/(\d+)\.webp$/.exec(req.url ?? '');
    if (match) {
      res.writeHead(200, {
        'content-type': 'image/webp',
        'cache-control': 'public, max-age=31536000, immutable',
      });
      res.end(thumbnails[Number(match[1])]!.bytes);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

function median(samples: Audit[], key: keyof Audit) {
  return percentile(
    samples.map((s) => s[key]),
    50,
  );
}

async function main() {
  if (!existsSync(`${webDist}/index.html`)) {
    execFileSync('pnpm', ['--filter', '@atelier/web', 'build'], { stdio: 'inherit' });
  }
  const stack = await startBenchStack({ worker: true, webDist });
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
  try {
    for (let i = 0; i < JOBS; i++) {
      const result = await stack.graphql(Generate, {
        input: {
          prompt: `a lighthouse on a cliff, study ${i}`,
          provider: 'local',
          width: 1024,
          height: 1024,
          count: PER_JOB,
          seed: i,
        },
      });
      if (result.generateImages.__typename !== 'Job') throw new Error(result.generateImages.message);
    }
    await untilNoOpenJobs(stack.app);
    const page = await stack.graphql(Thumbnails);
    const thumbnails = await Promise.all(
      page.images.edges.map(async ({ node }: any) => {
        const small = node.thumbnails.find((t: { size: number }) => t.size === 256) ?? node.thumbnails[0];
        const response = await fetch(new URL(small.url, stack.server.url), {
          headers: { authorization: stack.authorization },
        });
        return {
          url: small.url,
          bytes: Buffer.from(await response.arrayBuffer()),
          width: node.width,
          height: node.height,
        };
      }),
    );
    const plain = await startPlainPage(thumbnails);
    const app: Audit[] = [];
    const gallery: Audit[] = [];
    const raw: Audit[] = [];
    const signedIn = { cookie: stack.cookie };
    // One warm-up each (Chromium's own first start), then interleaved runs.
    await audit(plain.url, chrome.port, {});
    await audit(`${stack.server.url}/`, chrome.port, signedIn);
    for (let run = 0; run < RUNS; run++) {
      raw.push(await audit(plain.url, chrome.port, {}));
      app.push(await audit(`${stack.server.url}/`, chrome.port, signedIn));
      gallery.push(await audit(`${stack.server.url}/gallery`, chrome.port, signedIn));
    }
    plain.close();
    const row = (name: string, samples: Audit[]) => ({
      page: name,
      'performance (median)': median(samples, 'score'),
      'worst score': Math.min(...samples.map((s) => s.score)),
      'FCP ms': median(samples, 'fcp'),
      'LCP ms': median(samples, 'lcp'),
      'worst LCP ms': Math.max(...samples.map((s) => s.lcp)),
      'TBT ms': median(samples, 'tbt'),
      CLS: median(samples, 'cls'),
    });
    printTable(
      `Lighthouse desktop, ${thumbnails.length} images, ${RUNS} runs each (load average ${loadavg()[0]!.toFixed(2)})`,
      [
        row('Atelier first screen / (signed in)', app),
        row('Atelier /gallery (signed in)', gallery),
        row('plain HTML, same thumbnails', raw),
      ],
    );
    console.log(
      `\nLCP ratio Atelier / plain page: ${(median(app, 'lcp') / median(raw, 'lcp')).toFixed(2)}× (/gallery ${(median(gallery, 'lcp') / median(raw, 'lcp')).toFixed(2)}×) — goal: LCP ≤ 800 ms, performance ≥ 98`,
    );
  } finally {
    chrome.kill();
    await stack.close();
  }
}

await main();
