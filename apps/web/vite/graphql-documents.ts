import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { Kind, parse } from 'graphql';
import type { Plugin } from 'vite';

/** `graphql(` + one template literal without `${}`, as codegen's client preset reads it. */
const CALL = /(?<![\w.])graphql\(\s*`((?:[^`$]|\$(?!\{))*)`\s*\)/g;
const ANY_CALL = /(?<![\w.])graphql\(/;
const PREFIX = 'atelier-gql:';
const GENERATED_LINE = /^export const (\w+) = (\{.*\}) as unknown as DocumentNode<.*>;$/gm;

/** What the client preset names a document's export in graphql.ts. */
function exportName(source: string): string {
  const [first] = parse(source).definitions;
  if (first?.kind === Kind.OPERATION_DEFINITION && first.name) return `${first.name.value}Document`;
  if (first?.kind === Kind.FRAGMENT_DEFINITION) return `${first.name.value}FragmentDoc`;
  throw new Error('a graphql() document must start with a named operation or fragment');
}

/**
 * Replaces every `graphql(`…`)` call with that one document, each in a module of its own — what the
 * client preset's babel/swc plugins do, one step further: they import it from graphql.ts, which
 * is one module and so lands whole in one shared chunk. Here each chunk carries only the documents
 * it uses, and the first screen only its own. Line numbers are kept (the call becomes the name
 * plus its newlines), so source maps stay right without a map of our own.
 */
export function graphqlDocuments(artifactDirectory: string): Plugin {
  const directory = resolve(artifactDirectory);
  const generated = resolve(directory, 'graphql.ts');
  let documents: Map<string, string> | null = null;
  const load = () => {
    documents ??= new Map(
      [...readFileSync(generated, 'utf8').matchAll(GENERATED_LINE)].map((match) => [match[1]!, match[2]!]),
    );
    return documents;
  };
  return {
    name: 'atelier:graphql-documents',
    enforce: 'pre',
    buildStart() {
      documents = null;
    },
    handleHotUpdate({ file }) {
      if (file === generated) documents = null;
    },
    resolveId(id) {
      return id.startsWith(PREFIX) ? `\0${id}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      const name = id.slice(PREFIX.length + 1);
      return `export default ${load().get(name)};`;
    },
    transform(code, id) {
      const file = id.split('?')[0]!;
      if (!/\.tsx?$/.test(file) || file.startsWith(directory + sep) || !ANY_CALL.test(code)) return null;
      const names = new Set<string>();
      const replaced = code.replace(CALL, (call, source: string) => {
        const name = exportName(source);
        if (!load().has(name)) throw new Error(`${file}: ${name} is not in ${generated}; run pnpm generate`);
        names.add(name);
        return name + '\n'.repeat(call.split('\n').length - 1);
      });
      if (ANY_CALL.test(replaced)) {
        throw new Error(`${file}: a graphql() call this plugin cannot read (one plain template literal)`);
      }
      const imports = [...names].map((name) => `import ${name} from '${PREFIX}${name}';`).join(' ');
      return { code: imports + replaced, map: null };
    },
  };
}
