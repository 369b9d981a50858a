import { createHash } from 'node:crypto';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { Kind, visit, type DocumentNode } from 'graphql';

/**
 * Adds `__typename` to every selection set below the operation's root fields, as urql's
 * `formatDocument` does to what it sends: the API runs the persisted text, so it must ask for every
 * __typename graphcache needs. (The client preset's addTypenameSelectionDocumentTransform also adds
 * it to the root, which would change every operation's result type for no use.)
 */
function withTypenames<T extends { document?: DocumentNode }>(file: T): T {
  if (!file.document) return file;
  const document = visit(file.document, {
    SelectionSet(node, _key, parent) {
      const isRoot = (parent as { kind?: string } | undefined)?.kind === Kind.OPERATION_DEFINITION;
      const has = node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename');
      if (isRoot || has) return undefined;
      const typename = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } } as const;
      return { ...node, selections: [typename, ...node.selections] };
    },
  });
  return { ...file, document };
}

const addTypenames = {
  transform: <T extends { document?: DocumentNode }>({ documents }: { documents: T[] }) =>
    documents.map(withTypenames),
};

/** Shared by `pnpm generate` and the freshness test, so both produce the same files. */
export const codegenConfig: CodegenConfig = {
  schema: '../../packages/schema/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**', '!src/**/*.spec.{ts,tsx}'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      documentTransforms: [addTypenames],
      presetConfig: {
        fragmentMasking: false,
        // persisted-documents.json (hash → document) for the API, and each document's hash in its
        // `__meta__`, so the web sends the hash alone (lib/persisted-documents.ts). Bare sha256 hex:
        // the APQ envelope urql and the API speak carries it as `sha256Hash`.
        persistedDocuments: {
          hashAlgorithm: (document: string) => createHash('sha256').update(document).digest('hex'),
        },
      },
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
