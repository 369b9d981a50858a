import type { CodegenConfig } from '@graphql-codegen/cli';

/** Shared by `pnpm generate` and the freshness test, so both produce the same files. */
export const codegenConfig: CodegenConfig = {
  schema: '../../packages/schema/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**', '!src/**/*.spec.{ts,tsx}'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        skipTypename: false,
        scalars: { DateTime: 'string', JSON: 'unknown', File: { input: 'File | Blob', output: 'never' } },
      },
    },
    'src/gql/introspection.ts': {
      plugins: ['urql-introspection'],
      config: { useTypeImports: true, includeScalars: false },
    },
  },
};

export default codegenConfig;
