/**
 * Claim: the JavaScript a browser must fetch before the SPA paints anything (index.html's module
 * script, its modulepreloads and the entry's static imports) is ≤ 120 KiB gzip. Also prints what
 * each first screen adds on top (its lazy chunks), and the whole app's JavaScript for the ratio.
 * Reads apps/web/dist and its Vite manifest; builds the web only when there is no build yet.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { printTable } from '../support/stats';

const GOAL_GZIP_KIB = 120;
const webRoot = fileURLToPath(new URL('../../apps/web', import.meta.url));
const dist = join(webRoot, 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');

/** The lazy entries (manifest keys) each first screen waits for after the initial JavaScript. */
const firstScreens: Record<string, string[]> = {
  '/ signed in (Create)': ['src/components/layout/app-shell.tsx', 'src/pages/create.tsx'],
  '/gallery signed in': ['src/components/layout/app-shell.tsx', 'src/pages/gallery.tsx'],
  '/sign-in signed out': ['src/components/layout/auth-layout.tsx', 'src/pages/sign-in.tsx'],
};

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

const sizes = new Map<string, Size>();
function sizeOf(file: string): Size {
  const known = sizes.get(file);
  if (known) return known;
  const bytes = readFileSync(join(dist, file));
  const size = {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  sizes.set(file, size);
  return size;
}

function total(files: Iterable<string>): Size {
  const sum: Size = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const size = sizeOf(file);
    sum.raw += size.raw;
    sum.gzip += size.gzip;
    sum.brotli += size.brotli;
  }
  return sum;
}

/** A manifest entry's file and every file it imports statically, transitively. */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, into);
  return into;
}

/** What index.html makes the browser fetch as JavaScript: module scripts and modulepreloads. */
function htmlScripts(html: string): string[] {
  const files: string[] = [];
  const scripts = /<script[^>]*type="module"[^>]*src="\/([^"]+)"/g;
  const preloads = /<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+)"/g;
  for (const match of [...html.matchAll(scripts), ...html.matchAll(preloads)]) files.push(match[1]!);
  return files;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function row(what: string, size: Size) {
  return { what, raw: kib(size.raw), gzip: kib(size.gzip), brotli: kib(size.brotli) };
}

function main() {
  if (!existsSync(manifestPath)) {
    console.log('apps/web/dist has no manifest: building the web first');
    execFileSync('pnpm', ['--filter', '@atelier/web', 'build'], { cwd: webRoot, stdio: 'inherit' });
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const html = readFileSync(join(dist, 'index.html'), 'utf8');

  const initial = new Set(htmlScripts(html));
  const entries = Object.keys(manifest).filter((key) => manifest[key]!.isEntry);
  for (const entry of entries) staticClosure(manifest, entry, initial);

  const allJs = readdirSync(join(dist, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `assets/${name}`);
  const initialSize = total(initial);
  const allSize = total(allJs);

  printTable(`initial JavaScript (load average ${loadavg()[0]!.toFixed(2)})`, [
    row(`initial: ${initial.size} files`, initialSize),
    row(`all JavaScript: ${allJs.length} files`, allSize),
    {
      what: 'initial / all',
      raw: (initialSize.raw / allSize.raw).toFixed(3),
      gzip: (initialSize.gzip / allSize.gzip).toFixed(3),
      brotli: (initialSize.brotli / allSize.brotli).toFixed(3),
    },
  ]);

  printTable(
    'initial files, largest first',
    [...initial]
      .sort((a, b) => sizeOf(b).gzip - sizeOf(a).gzip)
      .map((file) => row(file.replace(/^assets\//, ''), sizeOf(file))),
  );

  printTable(
    'first screens: initial plus the lazy chunks each waits for',
    Object.entries(firstScreens).map(([screen, keys]) => {
      const files = new Set(initial);
      const missing = keys.filter((key) => !manifest[key]);
      for (const key of keys) staticClosure(manifest, key, files);
      const label = missing.length ? `${screen} (in initial: ${missing.join(', ')})` : screen;
      return row(label, total(files));
    }),
  );

  const met = initialSize.gzip <= GOAL_GZIP_KIB * 1024;
  console.log(
    `\ngoal: initial JavaScript ≤ ${GOAL_GZIP_KIB} KiB gzip: ${kib(initialSize.gzip)} ` +
      `(${((initialSize.gzip / (GOAL_GZIP_KIB * 1024)) * 100).toFixed(0)} % of the goal) — ${met ? 'met' : 'NOT met'}`,
  );
}

main();
