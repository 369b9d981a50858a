import { numberProblem } from './declarations';
import { TemplateError } from './errors';
import type {
  ParsedTemplate,
  ResolvedValues,
  TemplateValue,
  TemplateValues,
  VariableDeclaration,
} from './types';

/** Fills the template: a missing value takes the variable's default. Throws TemplateError. */
export function expandTemplate(template: ParsedTemplate, values: TemplateValues = {}): string {
  return render(template, resolveValues(template, values));
}

/**
 * Checks the values against the declarations and returns the typed value of every variable the
 * body uses (defaults filled in). Values for unknown names are refused; values for declared but
 * unused variables are dropped.
 */
export function resolveValues(template: ParsedTemplate, values: TemplateValues = {}): ResolvedValues {
  for (const name of Object.keys(values)) {
    if (!template.declarations.some((declaration) => declaration.name === name)) {
      throw new TemplateError(`The template has no variable {${name}}.`, null, name);
    }
  }
  const resolved: ResolvedValues = {};
  for (const name of template.variables) {
    resolved[name] = checkValue(declarationOf(template, name), values[name]);
  }
  return resolved;
}

export function render(template: ParsedTemplate, values: ResolvedValues): string {
  return template.segments
    .map((segment) => (segment.kind === 'text' ? segment.text : String(values[segment.name])))
    .join('');
}

export function declarationOf(template: ParsedTemplate, name: string): VariableDeclaration {
  const declaration = template.declarations.find((candidate) => candidate.name === name);
  if (!declaration) throw new TemplateError(`The template has no variable {${name}}.`, null, name);
  return declaration;
}

/** The typed value for one variable, or its default when none is given. */
export function checkValue(
  declaration: VariableDeclaration,
  value: TemplateValue | null | undefined,
): TemplateValue {
  const { name } = declaration;
  const given = value ?? declaration.default;
  if (given == null) throw new TemplateError(`Give a value for {${name}}.`, null, name);
  switch (declaration.type) {
    case 'text':
      if (typeof given !== 'string') throw new TemplateError(`{${name}} must be text.`, null, name);
      return given;
    case 'choice':
      if (typeof given !== 'string' || !declaration.options.includes(given)) {
        throw new TemplateError(`{${name}} must be one of: ${declaration.options.join(', ')}.`, null, name);
      }
      return given;
    case 'number': {
      const number = toNumber(given);
      if (number === null) throw new TemplateError(`{${name}} must be a number.`, null, name);
      const problem = numberProblem(number, declaration);
      if (problem) throw new TemplateError(`{${name}} ${problem}.`, null, name);
      return number;
    }
    default:
      throw new TemplateError(`{${name}} has an unknown type.`, null, name);
  }
}

function toNumber(value: TemplateValue): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value.trim() === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}
