import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstScreenPreload } from './first-screen-preload';

// A real build of a small app shaped like the studio: an entry that imports the frame and two
// pages only when it runs, all sharing chunks with each other and with the entry.
let root: string;
let html: string;
let chunkOf: (module: string) => string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'first-screen-'));
  const files: Record<string, string> = {
    'index.html':
      '<!doctype html><html><head></head><body><script type="module" src="/main.js"></script></body></html>',
    'main.js': `import { core } from './core.js';
      core(); import('./frame.js'); import('./create.js'); import('./gallery.js'); import('./settings.js');`,
    'core.js': 'export const core = () => document.title;',
    'shared.js': "import './shared.css'; export const shared = (x) => [x];",
    'shared.css': '.shared { color: red }',
    'frame.js':
      "import { core } from './core.js'; import { shared } from './shared.js'; export const frame = [core, shared];",
    'create.js':
      "import { shared } from './shared.js'; import './create.css'; export const create = shared('create');",
    'create.css': '.create { color: blue }',
    'gallery.js': "import { grid } from './grid.js'; export const gallery = grid;",
    'grid.js': "import { shared } from './shared.js'; export const grid = shared('grid');",
    'settings.js': "import { grid } from './grid.js'; export const settings = grid;",
  };
  for (const [name, text] of Object.entries(files)) await writeFile(join(root, name), text);
  const output = (await build({
    root,
    logLevel: 'silent',
    configFile: false,
    build: { write: false, minify: false },
    plugins: [
      firstScreenPreload({ frame: 'frame.js', pages: { '/': 'create.js', '/gallery': 'gallery.js' } }),
    ],
  })) as Rolldown.RolldownOutput;
  const page = output.output.find((file) => file.fileName === 'index.html') as Rolldown.OutputAsset;
  html = String(page.source);
  const chunks = output.output.filter((file): file is Rolldown.OutputChunk => file.type === 'chunk');
  chunkOf = (module) =>
    chunks.find((chunk) => (module === 'entry' ? chunk.isEntry : chunk.name === module.replace(/\.js$/, '')))!
      .fileName;
}, 60_000);
afterAll(() => rm(root, { recursive: true, force: true }));

/** The links the page's inline script adds when the HTML is opened at `path`. */
function preloadsAt(path: string): { rel: string; href: string; as: string; crossOrigin: string | null }[] {
  const dom = new JSDOM(html.replace(/<script type="module"[^>]*><\/script>/g, ''), {
    url: `http://localhost${path}`,
    runScripts: 'dangerously',
  });
  return [...dom.window.document.querySelectorAll('link')].map((link) => ({
    rel: link.rel,
    href: new URL(link.href).pathname,
    as: link.getAttribute('as') ?? '',
    crossOrigin: link.getAttribute('crossorigin'),
  }));
}

describe('first-screen preload', () => {
  it('fetches the frame and the Create page, with their chunks and CSS, on /', () => {
    const links = preloadsAt('/');
    const modules = links.filter((link) => link.rel === 'modulepreload').map((link) => link.href.slice(1));

    expect(modules).toEqual(expect.arrayContaining([chunkOf('frame.js'), chunkOf('create.js')]));
    expect(modules).not.toContain(chunkOf('gallery.js'));
    expect(links.filter((link) => link.rel === 'preload')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ as: 'style', href: expect.stringMatching(/\.css$/) }),
      ]),
    );
    // The same request mode as Vite's own imports, so they reuse these fetches.
    for (const link of links) expect(link.crossOrigin).toBe('');
  });

  it('fetches the Gallery page and what it imports on /gallery, and nothing twice', () => {
    const modules = preloadsAt('/gallery')
      .filter((link) => link.rel === 'modulepreload')
      .map((link) => link.href.slice(1));

    expect(modules).toEqual(
      expect.arrayContaining([chunkOf('frame.js'), chunkOf('gallery.js'), chunkOf('grid.js')]),
    );
    expect(modules).not.toContain(chunkOf('create.js'));
    expect(new Set(modules).size).toBe(modules.length);
  });

  it('leaves what the entry already loads, and every other path, alone', () => {
    const entryChunk = chunkOf('entry');
    expect(preloadsAt('/').map((link) => link.href.slice(1))).not.toContain(entryChunk);
    expect(preloadsAt('/settings')).toEqual([]);
    expect(preloadsAt('/sign-in')).toEqual([]);
  });
});
