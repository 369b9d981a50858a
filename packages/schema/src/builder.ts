import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';
import type { SchemaContext, Upload } from './context';
import { DomainError, InvalidInputError } from './errors';

export const builder = new SchemaBuilder<{
  Context: SchemaContext;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
    File: { Input: Upload; Output: never };
  };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
  DefaultEdgesNullability: { list: false; items: false };
  DefaultNodeNullability: false;
}>({
  plugins: [ErrorsPlugin, ValidationPlugin, RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  errors: {
    defaultTypes: [DomainError],
    defaultUnionOptions: {
      name: ({ fieldName }) => `${capitalize(fieldName)}Result`,
      description: 'The outcome: the result, or one of the typed errors.',
    },
    defaultResultOptions: {
      name: ({ fieldName }) => `${capitalize(fieldName)}Success`,
      description: 'The operation succeeded.',
    },
    // Validation failures become typed InvalidInputError results; they reveal nothing but the input.
    unsafelyHandleInputErrors: true,
  },
  validation: {
    validationError: (result) =>
      new InvalidInputError(
        result.issues.map((issue) => ({
          path: (issue.path ?? []).map((part) => String(typeof part === 'object' ? part.key : part)),
          message: issue.message,
        })),
      ),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    idFieldOptions: { description: 'Global id; pass it to `node(id:)` to fetch this object again.' },
    nodeQueryOptions: {
      description: 'Any object by its global id, or null when it is not yours.',
      args: { id: { description: 'A global id.' } },
    },
    nodesQueryOptions: {
      description: 'Objects by their global ids, null where not yours.',
      args: { ids: { description: 'Global ids.' } },
    },
    edgesFieldOptions: { nullable: { list: false, items: false }, description: 'The items on this page.' },
    nodeFieldOptions: { nullable: false, description: 'The item.' },
    cursorFieldOptions: { description: 'Opaque position of this item; pass it as `after` or `before`.' },
    pageInfoFieldOptions: { description: 'Where this page sits in the whole list.' },
    hasNextPageFieldOptions: { description: 'Whether more items follow.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede.' },
    startCursorFieldOptions: { description: 'Cursor of the first item.' },
    endCursorFieldOptions: { description: 'Cursor of the last item.' },
    firstArgOptions: { description: 'Take this many items from the start (or after `after`).' },
    afterArgOptions: { description: 'Start after this cursor.' },
    lastArgOptions: { description: 'Take this many items from the end (or before `before`).' },
    beforeArgOptions: { description: 'End before this cursor.' },
  },
});

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
