import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const VIEW_ENTRY = fileURLToPath(new URL('./view/gallery.view.ts', import.meta.url));

let html: Promise<string> | undefined;

/**
 * The app page: the view script and the ext-apps App client bundled by esbuild into one HTML string
 * at its first request (no build step, no network), then kept for the life of the process.
 */
export function galleryHtml(): Promise<string> {
  html ??= bundle().catch((error: unknown) => {
    html = undefined;
    throw error;
  });
  return html;
}

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [VIEW_ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const script = result.outputFiles[0]!.text.replaceAll('</script', '<\\/script');
  return page(script);
}

function page(script: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Atelier gallery</title>
<style>${STYLE}</style>
</head>
<body>
<header><span id="status" role="status">Waiting for images…</span><progress id="progress" hidden></progress></header>
<ul id="gallery"></ul>
<p id="note" role="alert" hidden></p>
<script type="module">${script}</script>
</body>
</html>`;
}

const STYLE = `
:root { color-scheme: light dark; font: 14px/1.4 var(--font-sans, system-ui, sans-serif); }
body { margin: 0; padding: 8px; background: var(--color-background-primary, Canvas); color: var(--color-text-primary, CanvasText); }
header { display: flex; gap: 8px; align-items: center; min-height: 24px; }
progress { flex: 1; max-width: 240px; }
#gallery { list-style: none; margin: 8px 0 0; padding: 0; display: grid; gap: 8px; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); }
#gallery li { border: 1px solid var(--color-border-primary, #8884); border-radius: 8px; overflow: hidden; display: flex; flex-direction: column; }
#gallery img { width: 100%; aspect-ratio: var(--ratio, 1); object-fit: cover; display: block; background: #8882; }
.placeholder { aspect-ratio: 1; display: grid; place-items: center; padding: 8px; font-size: 12px; opacity: .7; }
.caption { padding: 4px 8px; font-size: 12px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.actions { display: flex; flex-wrap: wrap; gap: 4px; padding: 0 8px 8px; }
button, select { font: inherit; font-size: 12px; padding: 2px 8px; border-radius: 6px; }
#note { color: var(--color-text-danger, #c33); }
`;
