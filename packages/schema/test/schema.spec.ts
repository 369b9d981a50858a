import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isInputObjectType, isInterfaceType, isObjectType, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/index';

describe('schema', () => {
  it('matches the committed schema.graphql (run `pnpm generate` after changing the schema)', () => {
    const committed = readFileSync(fileURLToPath(new URL('../schema.graphql', import.meta.url)), 'utf8');
    expect(committed).toBe(`${printSchema(schema)}\n`);
  });

  it('describes every public field, argument and input field', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      } else if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
