// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, type CodegenConfig } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { codegenConfig } from '../../codegen';

const webRoot = fileURLToPath(new URL('../..', import.meta.url));

function absolute(path: string): string {
  return path.startsWith('!') ? `!${resolve(webRoot, path.slice(1))}` : resolve(webRoot, path);
}

/** The committed config, with every path made absolute so the test runs from any directory. */
function configFromHere(): CodegenConfig {
  const generates = Object.fromEntries(
    Object.entries(codegenConfig.generates).map(([target, options]) => [
      absolute(target) + (target.endsWith('/') ? '/' : ''),
      options,
    ]),
  );
  return {
    ...codegenConfig,
    schema: absolute(codegenConfig.schema as string),
    documents: (codegenConfig.documents as string[]).map(absolute),
    generates,
    silent: true,
  };
}

describe('src/gql', () => {
  it('matches what codegen makes from schema.graphql and the documents (run `pnpm generate`)', async () => {
    const outputs = (await generate(configFromHere(), false)) as { filename: string; content: string }[];
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const onDisk = readFileSync(join(output.filename), 'utf8');
      expect(onDisk, `${output.filename} is stale: run pnpm --filter @atelier/web generate`).toBe(
        output.content,
      );
    }
  }, 90_000);
});
