import { BREAK, type DocumentNode, GraphQLError, Kind, type ValueNode, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const NUL = '\u0000';

/**
 * PostgreSQL cannot store a NUL character in text or JSON, so one that reached a query failed there
 * as an unexpected error. Every string a request brings (its variables, uploads' text fields among
 * them, and the literals written in its document) is checked once parsed, before anything runs, over
 * HTTP and WebSocket alike; the refusal names the path of the string.
 */
export function useNoNulCharacters(): Plugin {
  const check = ({
    args,
    setResultAndStopExecution,
  }: {
    args: { document: DocumentNode; variableValues?: unknown };
    setResultAndStopExecution: (result: { errors: GraphQLError[] }) => void;
  }) => {
    const path = nulInVariables(args.variableValues) ?? nulInDocument(args.document);
    if (path) setResultAndStopExecution({ errors: [nulRefusal(path)] });
  };
  return { onExecute: check, onSubscribe: check };
}

function nulRefusal(path: string[]): GraphQLError {
  const field = path.join('.');
  return new GraphQLError(`${field}: text must not contain a NUL character (\\u0000)`, {
    extensions: { code: 'INVALID_INPUT', field },
  });
}

/** The path of the first string holding a NUL, or null. Uploads, numbers and dates hold no text. */
function nulInVariables(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes(NUL) ? path : null;
  if (Array.isArray(value)) return firstOf(value.entries(), path);
  if (isPlainObject(value)) return firstOf(Object.entries(value), path);
  return null;
}

function firstOf(entries: Iterable<[string | number, unknown]>, path: string[]): string[] | null {
  for (const [key, item] of entries) {
    const name = String(key);
    // A key is text too (JSON arguments are stored as they come).
    if (name.includes(NUL)) return [...path, name.replaceAll(NUL, '\\u0000')];
    const found = nulInVariables(item, [...path, name]);
    if (found) return found;
  }
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** The first string literal holding a NUL in an argument or a variable's default, named from the argument. */
function nulInDocument(document: DocumentNode): string[] | null {
  let found: string[] | null = null;
  const search = (value: ValueNode | undefined, path: string[]) => {
    found = value ? nulInLiteral(value, path) : null;
    return found ? BREAK : false;
  };
  visit(document, {
    Argument: (node) => search(node.value, [node.name.value]),
    VariableDefinition: (node) => search(node.defaultValue, [node.variable.name.value]),
  });
  return found;
}

/** Numbers, enums and variables (checked with the variables) hold no text of their own. */
function nulInLiteral(value: ValueNode, path: string[]): string[] | null {
  if (value.kind === Kind.STRING) return value.value.includes(NUL) ? path : null;
  if (value.kind === Kind.LIST) {
    return firstLiteral(
      value.values.map((item, index) => [String(index), item]),
      path,
    );
  }
  if (value.kind === Kind.OBJECT) {
    return firstLiteral(
      value.fields.map((field) => [field.name.value, field.value]),
      path,
    );
  }
  return null;
}

function firstLiteral(entries: [string, ValueNode][], path: string[]): string[] | null {
  for (const [key, item] of entries) {
    const found = nulInLiteral(item, [...path, key]);
    if (found) return found;
  }
  return null;
}
