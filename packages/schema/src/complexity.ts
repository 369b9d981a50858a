import type { ComplexityErrorFn } from '@pothos/plugin-complexity';
import {
  getNamedType,
  type GraphQLField,
  GraphQLError,
  isLeafType,
  isListType,
  isNonNullType,
} from 'graphql';

/**
 * How much a query may ask for in one request, counted with its variables (graphql-armor's static
 * cost cannot see a `first` given as a variable). Every object counts 1 (scalars come with it); a
 * connection multiplies what it selects by its `first` or `last`, a plain list by LIST_ITEMS, so
 * nested pages multiply: 200 collections × 200 images each is refused, while the web app's
 * largest request (50 active jobs with their images and attempts) counts about 3,200.
 */
export const MAX_COMPLEXITY = 20_000;

/** What a connection holds when the query does not say: the largest default page (a batch's items). */
const DEFAULT_PAGE = 100;
/** A plain list holds a handful here (an image's 2 thumbnails, a job's images and attempts). */
const LIST_ITEMS = 4;

export function fieldComplexity<Context>(
  args: Record<string, unknown>,
  _context: Context,
  field: GraphQLField<unknown, Context>,
): number | { field: number; multiplier: number } {
  // Objects are what costs: a scalar comes with the object that holds it.
  if (isLeafType(getNamedType(field.type))) return 0;
  if (field.args.some((arg) => arg.name === 'first')) {
    const size = args.first ?? args.last;
    return { field: 1, multiplier: typeof size === 'number' ? Math.max(size, 0) : DEFAULT_PAGE };
  }
  const type = isNonNullType(field.type) ? field.type.ofType : field.type;
  if (!isListType(type)) return 1;
  // A connection's edges are its page, already counted by the connection field.
  return { field: 1, multiplier: getNamedType(type).name.endsWith('Edge') ? 1 : LIST_ITEMS };
}

export const complexityError: ComplexityErrorFn = () =>
  new GraphQLError('This query asks for too much at once: ask for smaller pages, or fewer nested ones', {
    extensions: { code: 'QUERY_TOO_COMPLEX' },
  });
