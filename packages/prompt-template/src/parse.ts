import { checkDeclarations, isVariableName } from './declarations';
import { TemplateError } from './errors';
import type { ParsedTemplate, Segment, VariableDeclaration } from './types';

export const MAX_BODY_LENGTH = 10_000;

/**
 * Reads a template body: `{name}` is a variable, `{{` and `}}` are literal braces. Every variable
 * used must be declared; a declared variable the body does not use is only a warning, so a draft
 * can be saved while the author is still writing. Throws TemplateError on the first problem.
 */
export function parseTemplate(body: string, declarations: readonly VariableDeclaration[]): ParsedTemplate {
  if (body.trim() === '') throw new TemplateError('The template is empty.', 0);
  if (body.length > MAX_BODY_LENGTH) {
    throw new TemplateError(`The template is longer than ${MAX_BODY_LENGTH} characters.`, MAX_BODY_LENGTH);
  }
  checkDeclarations(declarations);
  const declared = new Set(declarations.map((declaration) => declaration.name));
  const segments = scan(body);
  const variables: string[] = [];
  for (const segment of segments) {
    if (segment.kind !== 'variable') continue;
    if (!declared.has(segment.name)) {
      throw new TemplateError(`{${segment.name}} is used but not declared.`, segment.position, segment.name);
    }
    if (!variables.includes(segment.name)) variables.push(segment.name);
  }
  const warnings = declarations
    .filter((declaration) => !variables.includes(declaration.name))
    .map((declaration) => ({
      message: `{${declaration.name}} is declared but not used.`,
      variable: declaration.name,
    }));
  return { body, declarations: [...declarations], segments, variables, warnings };
}

/** Like parseTemplate, but answers the error instead of throwing it (for live previews). */
export function tryParseTemplate(
  body: string,
  declarations: readonly VariableDeclaration[],
): { template: ParsedTemplate; error: null } | { template: null; error: TemplateError } {
  try {
    return { template: parseTemplate(body, declarations), error: null };
  } catch (error) {
    if (error instanceof TemplateError) return { template: null, error };
    throw error;
  }
}

function scan(body: string): Segment[] {
  const segments: Segment[] = [];
  let text = '';
  let index = 0;
  while (index < body.length) {
    const char = body[index];
    const next = body[index + 1];
    if ((char === '{' && next === '{') || (char === '}' && next === '}')) {
      text += char;
      index += 2;
    } else if (char === '}') {
      throw new TemplateError('Unmatched "}": write "}}" for a literal brace.', index);
    } else if (char === '{') {
      const end = closingBrace(body, index);
      const name = body.slice(index + 1, end);
      checkName(name, index);
      if (text) segments.push({ kind: 'text', text });
      text = '';
      segments.push({ kind: 'variable', name, position: index });
      index = end + 1;
    } else {
      text += char;
      index += 1;
    }
  }
  if (text) segments.push({ kind: 'text', text });
  return segments;
}

function closingBrace(body: string, open: number): number {
  for (let index = open + 1; index < body.length; index += 1) {
    if (body[index] === '}') return index;
    if (body[index] === '{') break;
  }
  throw new TemplateError(
    'Unclosed "{": close the variable with "}", or write "{{" for a literal brace.',
    open,
  );
}

function checkName(name: string, position: number): void {
  if (name.trim() === '') throw new TemplateError('A variable needs a name between the braces.', position);
  if (!isVariableName(name)) {
    throw new TemplateError(
      `"${name}" is not a valid variable name: use letters, digits and _, starting with a letter or _.`,
      position,
      name,
    );
  }
}
