import { TemplateError } from './errors';
import type { VariableDeclaration } from './types';

export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const MAX_VARIABLE_NAME_LENGTH = 64;
export const MAX_VARIABLES = 20;
export const MAX_CHOICE_OPTIONS = 50;

export function isVariableName(name: string): boolean {
  return name.length <= MAX_VARIABLE_NAME_LENGTH && VARIABLE_NAME.test(name);
}

/** Throws a TemplateError naming the first declaration that cannot work. */
export function checkDeclarations(declarations: readonly VariableDeclaration[]): void {
  if (declarations.length > MAX_VARIABLES) {
    throw new TemplateError(`A template can declare at most ${MAX_VARIABLES} variables.`);
  }
  const seen = new Set<string>();
  for (const declaration of declarations) {
    const { name } = declaration;
    if (!isVariableName(name)) {
      throw new TemplateError(
        `"${name}" is not a valid variable name: use letters, digits and _, starting with a letter or _ (at most ${MAX_VARIABLE_NAME_LENGTH}).`,
        null,
        name,
      );
    }
    if (seen.has(name)) throw new TemplateError(`{${name}} is declared twice.`, null, name);
    seen.add(name);
    checkDeclaration(declaration);
  }
}

function checkDeclaration(declaration: VariableDeclaration): void {
  const { name } = declaration;
  switch (declaration.type) {
    case 'text':
      return;
    case 'choice': {
      const { options } = declaration;
      if (options.length === 0) throw new TemplateError(`{${name}} needs at least one option.`, null, name);
      if (options.length > MAX_CHOICE_OPTIONS) {
        throw new TemplateError(`{${name}} has more than ${MAX_CHOICE_OPTIONS} options.`, null, name);
      }
      if (options.some((option) => option.trim() === '')) {
        throw new TemplateError(`{${name}} has an empty option.`, null, name);
      }
      if (new Set(options).size !== options.length) {
        throw new TemplateError(`{${name}} lists the same option twice.`, null, name);
      }
      if (declaration.default != null && !options.includes(declaration.default)) {
        throw new TemplateError(`The default of {${name}} must be one of its options.`, null, name);
      }
      return;
    }
    case 'number': {
      const { min, max, integer } = declaration;
      for (const [label, bound] of [
        ['minimum', min],
        ['maximum', max],
        ['default', declaration.default],
      ] as const) {
        if (bound != null && !Number.isFinite(bound)) {
          throw new TemplateError(`The ${label} of {${name}} must be a number.`, null, name);
        }
      }
      if (min != null && max != null && min > max) {
        throw new TemplateError(`The minimum of {${name}} is above its maximum.`, null, name);
      }
      if (declaration.default != null) {
        const problem = numberProblem(declaration.default, { min, max, integer });
        if (problem) throw new TemplateError(`The default of {${name}} ${problem}.`, null, name);
      }
      return;
    }
    default:
      throw new TemplateError(
        `{${(declaration as { name: string }).name}} has an unknown type.`,
        null,
        (declaration as { name: string }).name,
      );
  }
}

/** Why a number does not fit the declaration ("must be at least 1"), or null when it does. */
export function numberProblem(
  value: number,
  rules: { min?: number | null; max?: number | null; integer?: boolean | null },
): string | null {
  if (!Number.isFinite(value)) return 'must be a number';
  if (rules.integer && !Number.isInteger(value)) return 'must be a whole number';
  if (rules.min != null && value < rules.min) return `must be at least ${rules.min}`;
  if (rules.max != null && value > rules.max) return `must be at most ${rules.max}`;
  return null;
}
