import type { Plugin } from 'vite';

interface MinifiedField {
  args?: unknown[];
}
interface MinifiedType {
  fields?: MinifiedField[];
}

/**
 * Serves codegen's graphcache schema (src/gql/introspection.ts, already minified by
 * `minifyIntrospectionQuery`) without field arguments: graphcache builds a map of them but never
 * reads it, and they are about a fifth of the schema. The file on disk stays what codegen writes.
 */
export function graphcacheSchema(file: string): Plugin {
  return {
    name: 'atelier:graphcache-schema',
    enforce: 'pre',
    transform(code, id) {
      if (id.split('?')[0] !== file) return null;
      const json = /export default (\{[\s\S]*\}) as unknown as IntrospectionQuery;\s*$/.exec(code)?.[1];
      if (!json) throw new Error(`${file}: not the urql-introspection output this plugin expects`);
      const schema = JSON.parse(json) as { __schema: { types: MinifiedType[] } };
      for (const type of schema.__schema.types) {
        for (const field of type.fields ?? []) field.args = [];
      }
      return { code: `export default ${JSON.stringify(schema)};`, map: null };
    },
  };
}
