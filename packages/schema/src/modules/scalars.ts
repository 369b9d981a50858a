import type { Upload } from '@atelier/domain';
import { GraphQLError, Kind } from 'graphql';
import { builder } from '../builder';

builder.scalarType('DateTime', {
  description: 'An ISO-8601 timestamp with time zone, e.g. 2026-11-25T14:45:02.000Z.',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) {
      throw new GraphQLError('DateTime must be an ISO-8601 string');
    }
    return date;
  },
  parseLiteral: (ast) => {
    const date = ast.kind === Kind.STRING ? new Date(ast.value) : null;
    if (!date || Number.isNaN(date.getTime())) {
      throw new GraphQLError('DateTime must be an ISO-8601 string');
    }
    return date;
  },
});

builder.scalarType('JSON', {
  description: 'Arbitrary JSON: provider-specific parameters and details.',
  serialize: (value) => value,
  parseValue: (value) => value,
});

builder.scalarType('File', {
  description: 'A file sent with the request (GraphQL multipart request spec). Input only.',
  serialize: () => {
    throw new GraphQLError('File is an input-only type');
  },
  parseValue: (value) => {
    if (value && typeof value === 'object' && 'arrayBuffer' in value && 'size' in value) {
      return value as Upload;
    }
    throw new GraphQLError('Expected an uploaded file');
  },
});
