import type { Plugin, Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

/** The studio's frame, and the page each landing path shows in it (source paths from the app root). */
export interface FirstScreens {
  frame: string;
  pages: Record<string, string>;
}

/**
 * Every chunk the chosen one needs before it runs (its static imports, transitively), and its CSS.
 * `what` names the chunk in the error when none is chosen.
 */
function chunkFiles(bundle: OutputBundle, chosen: (chunk: OutputChunk) => boolean, what: string): string[] {
  const chunks = Object.values(bundle).filter((output): output is OutputChunk => output.type === 'chunk');
  const root = chunks.find(chosen);
  if (!root) throw new Error(`first-screen preload: no chunk for ${what}`);
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const files = new Set<string>();
  const visit = (chunk: OutputChunk) => {
    if (files.has(chunk.fileName)) return;
    files.add(chunk.fileName);
    for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css);
    for (const file of chunk.imports) visit(byFile.get(file)!);
  };
  visit(root);
  return [...files];
}

/**
 * The frame and the page of a landing path (/, /gallery) are chunks the entry imports only once it
 * runs, and each pulls a dozen small shared ones: found that late, on HTTP/1.1's six connections,
 * they arrived half a second after the HTML. An inline script lists them as preloads while the HTML
 * is parsed, beside the entry (anonymous CORS, as Vite's own preloads, so the later imports reuse
 * them). A signed-out visitor fetches them too: the page they sign in to.
 */
export function firstScreenPreload(screens: FirstScreens): Plugin {
  return {
    name: 'atelier:first-screen-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        if (!bundle) return html;
        // What the entry already brings (its static imports) is not preloaded again.
        const loaded = new Set(chunkFiles(bundle, (chunk) => chunk.isEntry, 'the entry'));
        const needed = (module: string) =>
          chunkFiles(bundle, (chunk) => !!chunk.facadeModuleId?.endsWith(module), module).filter(
            (file) => !loaded.has(file),
          );
        const frame = needed(screens.frame);
        const pages = Object.fromEntries(
          Object.entries(screens.pages).map(([path, module]) => [
            path,
            needed(module).filter((file) => !frame.includes(file)),
          ]),
        );
        const script = `(function () {
  var pages = ${JSON.stringify(pages)};
  var page = pages[location.pathname];
  if (!page) return;
  ${JSON.stringify(frame)}.concat(page).forEach(function (file) {
    var link = document.createElement('link');
    if (/\\.css$/.test(file)) { link.rel = 'preload'; link.setAttribute('as', 'style'); } else { link.rel = 'modulepreload'; }
    link.crossOrigin = '';
    link.href = '/' + file;
    document.head.appendChild(link);
  });
})();`;
        return [{ tag: 'script', children: script, injectTo: 'head' }];
      },
    },
  };
}
