import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The folder of an installed package. Resolves its entry point (the way Node would) and walks up
 * to its package.json, because some packages' exports maps hide package.json itself.
 */
export function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
      if (parsed.name === name) return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the folder of the installed package ${name}`);
    dir = parent;
  }
}

/** The installed version of a package, for the image's metadata. */
export function packageVersion(name: string): string {
  const parsed = JSON.parse(readFileSync(path.join(packageDir(name), 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  return typeof parsed.version === 'string' ? parsed.version : 'unknown';
}
