import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

/**
 * Compiles the server to apps/api/dist: one ESM bundle per entry point, with source maps, run by
 * plain node (`node --enable-source-maps dist/main.js`) instead of tsx. Our workspace packages
 * (@atelier/*, whose entry points are TypeScript source) are bundled; every npm package stays
 * external and is loaded from node_modules at run time, native ones (sharp, argon2, embedded
 * Postgres, TensorFlow's WebAssembly) included.
 *
 * Threads are entry points of their own, written beside main.js; the code that starts them picks
 * `<name>.js` beside itself when it runs compiled (see lease-keeper.ts, raster-pool.ts, tile-pool.ts).
 */
const apiDir = fileURLToPath(new URL('../', import.meta.url));
const repoRoot = join(apiDir, '../../');
const defaultOutdir = join(apiDir, 'dist');
const providersLocal = join(repoRoot, 'packages/providers/src/local');

/** What people run (the server, its CLIs) and the threads it starts. */
const entryPoints: Record<string, string> = {
  main: join(apiDir, 'src/main.ts'),
  'migrate.cli': join(apiDir, 'src/db/migrate.cli.ts'),
  'lease-heartbeat.thread': join(apiDir, 'src/jobs/lease-heartbeat.thread.ts'),
  'raster-thread.worker': join(providersLocal, 'raster-thread.worker.ts'),
  'esrgan-tile.worker': join(providersLocal, 'enhance/esrgan-tile.worker.ts'),
  'migrate-storage.cli': join(apiDir, 'src/storage/migrate-storage.cli.ts'),
};

/**
 * `import.meta.url` in a bundle names the bundle (dist/main.js); in our source it must keep naming
 * the source file, so the files it finds beside itself (the web app's persisted documents, the MCP
 * gallery view, packages located with createRequire) are found exactly as they are under tsx.
 * Code that wants the file actually running reads `import.meta.filename`, which is left alone.
 */
const sourceRelativeImportMeta = (outdir: string): Plugin => ({
  name: 'source-relative-import-meta',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' };
      const fromDist = relative(outdir, args.path).split(sep).join('/');
      const contents = source.replace(
        /\bimport\.meta\.url\b/g,
        `new URL(${JSON.stringify(fromDist)}, import.meta.url).href`,
      );
      return { contents, loader: 'ts' };
    });
  },
});

/**
 * npm packages stay external. Those that apps/api imports are left as bare names (Node resolves
 * them from apps/api/node_modules, as under tsx). Those a workspace package imports may not be
 * apps/api dependencies at all (pnpm gives each package only its own): they are resolved here,
 * from the importing package, and written as a path relative to dist, which is the same file, and
 * so the same module instance, that Node would load for that package.
 */
const externalPackages = (outdir: string): Plugin => ({
  name: 'external-packages',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (
        (args.pluginData as { resolvingExternal?: boolean } | undefined)?.resolvingExternal ||
        isBuiltin(args.path) ||
        args.path.startsWith('@atelier/')
      ) {
        return undefined;
      }
      if (args.importer.startsWith(join(apiDir, 'src'))) return { path: args.path, external: true };
      const resolved = await pluginBuild.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { resolvingExternal: true },
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      const path = relative(outdir, resolved.path).split(sep).join('/');
      return { path: path.startsWith('.') ? path : `./${path}`, external: true };
    });
  },
});

/** Bundles the entry points into `outdir` (apps/api/dist; tests build elsewhere under it). */
export async function buildApi(outdir = defaultOutdir): Promise<string[]> {
  const result = await build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    metafile: true,
    plugins: [externalPackages(outdir), sourceRelativeImportMeta(outdir)],
  });
  return Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  const files = await buildApi();
  console.log(`built ${files.join(', ')} in ${Math.round(performance.now() - started)} ms`);
}
