/** Runs every benchmark in turn: `pnpm bench` (or `pnpm bench pipeline` for one). */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(here, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !['support', 'node_modules'].includes(entry.name))
  .map((entry) => entry.name)
  .filter((name) => only.length === 0 || only.includes(name));

for (const name of benches) {
  console.log(`\n=== ${name} ===`);
  execFileSync('node', ['--import', 'tsx', `${name}/${name}.bench.ts`], { cwd: here, stdio: 'inherit' });
}
