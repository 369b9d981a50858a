import { readFileSync } from 'node:fs';
import {
  buildSchema,
  isAbstractType,
  isInterfaceType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { runnerImport, type Plugin } from 'vite';

interface TypeRef {
  kind: string;
  name?: string;
  ofType?: TypeRef;
}
interface MinifiedField {
  name: string;
  type: TypeRef;
  args?: unknown[];
}
interface MinifiedType {
  kind: string;
  name: string;
  fields?: MinifiedField[];
}
export interface MinifiedSchema {
  __schema: { types: MinifiedType[] };
}

/** The parts of graphcache's options that name fields: `{ [type]: { [field]: … } }`. */
export interface CacheConfigFields {
  resolvers?: Record<string, object | undefined>;
  updates?: Record<string, object | undefined>;
  optimistic?: object;
}

type FieldsByType = Map<string, Set<string>>;

function keep(kept: FieldsByType, type: string, field: string) {
  if (field.startsWith('__')) return;
  const fields = kept.get(type) ?? new Set<string>();
  fields.add(field);
  kept.set(type, fields);
}

/**
 * Every field a document selects, by the type graphcache will look it up on. graphcache reads the
 * schema by an entity's own (object) typename, so a field selected on an interface or a union is
 * kept on every type that can stand there.
 */
export function selectedFields(schema: GraphQLSchema, documents: readonly DocumentNode[]): FieldsByType {
  const kept: FieldsByType = new Map();
  const typeInfo = new TypeInfo(schema);
  for (const document of documents) {
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const parent = typeInfo.getParentType();
          if (!parent) throw new Error(`field ${node.name.value} has no parent type in the schema`);
          keep(kept, parent.name, node.name.value);
          if (!isAbstractType(parent)) return;
          const below = isInterfaceType(parent) ? schema.getImplementations(parent).interfaces : [];
          for (const type of [...schema.getPossibleTypes(parent), ...below]) {
            keep(kept, type.name, node.name.value);
          }
        },
      }),
    );
  }
  return kept;
}

/** Fields graphcache's resolvers, updaters and optimistic updaters are written for. */
export function configuredFields(schema: GraphQLSchema, config: CacheConfigFields): FieldsByType {
  const kept: FieldsByType = new Map();
  for (const byType of [config.resolvers, config.updates]) {
    for (const [type, fields] of Object.entries(byType ?? {})) {
      for (const field of Object.keys(fields ?? {})) keep(kept, type, field);
    }
  }
  const mutation = schema.getMutationType()?.name;
  if (mutation) for (const field of Object.keys(config.optimistic ?? {})) keep(kept, mutation, field);
  return kept;
}

/** A field's type as graphcache reads it (isFieldNullable, isListNullable): its wrappers' kinds. */
function kindsOnly(type: TypeRef): TypeRef {
  return type.ofType ? { kind: type.kind, ofType: kindsOnly(type.ofType) } : { kind: type.kind };
}

/**
 * Cuts, in place, what graphcache 9 never reads: every object or interface field that neither a
 * document nor the cache config names, every field's arguments (it builds a map of them but never
 * reads it) and the name of every field's type (it reads only whether a field and its list items
 * are nullable). Types, union members and interfaces stay whole: graphcache checks a typename's
 * kind and matches fragments by them. `id` stays wherever it exists, since keys lean on it.
 */
export function pruneIntrospection(introspection: MinifiedSchema, ...keeps: FieldsByType[]): MinifiedSchema {
  for (const type of introspection.__schema.types) {
    if (!type.fields) continue;
    const kept = new Set(keeps.flatMap((byType) => [...(byType.get(type.name) ?? [])]));
    type.fields = type.fields
      .filter((field) => field.name === 'id' || kept.has(field.name))
      .map((field) => ({ name: field.name, type: kindsOnly(field.type), args: [] }));
  }
  return introspection;
}

/** Every document codegen's client preset generated (operations and fragments), as in graphql.ts. */
export function generatedDocuments(graphqlTs: string): DocumentNode[] {
  const line = /^export const \w+ = (\{.*\}) as unknown as DocumentNode<.*>;$/gm;
  const documents = [...graphqlTs.matchAll(line)].map((match) => JSON.parse(match[1]!) as DocumentNode);
  if (!documents.every((document) => document.kind === Kind.DOCUMENT)) throw new Error('not a DocumentNode');
  return documents;
}

interface Options {
  /** codegen's urql-introspection output (src/gql/introspection.ts). */
  introspection: string;
  /** The schema SDL it was generated from. */
  schema: string;
  /** codegen's client-preset graphql.ts: every document the web sends or reads the cache with. */
  documents: string;
  /** The module exporting graphcache's `cacheOptions`. */
  cacheOptions: string;
}

/**
 * Serves codegen's graphcache schema (already minified by `minifyIntrospectionQuery`) with only
 * what graphcache reads: the fields the web's documents and cache config name, without arguments.
 * It lands in the first screen's chunk, and most of the API's fields are for other clients. The file
 * on disk stays what codegen writes.
 */
export function graphcacheSchema(options: Options): Plugin {
  let root: string | undefined;
  return {
    name: 'atelier:graphcache-schema',
    enforce: 'pre',
    configResolved(config) {
      root = config.root;
    },
    async transform(code, id) {
      if (id.split('?')[0] !== options.introspection) return null;
      const json = /export default (\{[\s\S]*\}) as unknown as IntrospectionQuery;\s*$/.exec(code)?.[1];
      if (!json) throw new Error(`${id}: not the urql-introspection output this plugin expects`);
      const schema = buildSchema(readFileSync(options.schema, 'utf8'));
      const documents = generatedDocuments(readFileSync(options.documents, 'utf8'));
      // The cache config imports this very file; loaded in a runner of its own, it gets the original.
      const { module, dependencies } = await runnerImport<{ cacheOptions: CacheConfigFields }>(
        options.cacheOptions,
        { root, logLevel: 'error' },
      );
      for (const file of [options.schema, options.documents, options.cacheOptions, ...dependencies]) {
        if (file !== options.introspection) this.addWatchFile(file);
      }
      const pruned = pruneIntrospection(
        JSON.parse(json) as MinifiedSchema,
        selectedFields(schema, documents),
        configuredFields(schema, module.cacheOptions),
      );
      return { code: `export default ${JSON.stringify(pruned)};`, map: null };
    },
  };
}
