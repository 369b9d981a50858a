import {
  expandTemplate,
  TemplateError,
  tryParseTemplate,
  type VariableDeclaration,
} from '@atelier/prompt-template';
import type { TemplateVariableInput, TemplateVariableType } from '../../gql/graphql';

/** A variable as the editor holds it: every field as typed (options one per line). */
export interface VariableDraft {
  name: string;
  type: TemplateVariableType;
  options: string;
  default: string;
  min: string;
  max: string;
  integer: boolean;
}

/** A variable as the server describes it. */
export interface VariableShape {
  name: string;
  type: TemplateVariableType;
  options: readonly string[] | null;
  default: string | null;
  min: number | null;
  max: number | null;
  integer: boolean;
}

export function newVariable(name: string): VariableDraft {
  return { name, type: 'TEXT', options: '', default: '', min: '', max: '', integer: false };
}

export function draftsOf(variables: readonly VariableShape[]): VariableDraft[] {
  return variables.map((v) => ({
    name: v.name,
    type: v.type,
    options: (v.options ?? []).join('\n'),
    default: v.default ?? '',
    min: v.min === null ? '' : String(v.min),
    max: v.max === null ? '' : String(v.max),
    integer: v.integer,
  }));
}

const optionList = (text: string) =>
  text
    .split('\n')
    .map((option) => option.trim())
    .filter((option) => option !== '');

const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text));

/** What the mutations take. */
export function variableInputs(drafts: readonly VariableDraft[]): TemplateVariableInput[] {
  return drafts.map((d) => ({
    name: d.name.trim(),
    type: d.type,
    ...(d.type === 'CHOICE' && { options: optionList(d.options) }),
    default: d.default === '' ? null : d.default,
    ...(d.type === 'NUMBER' && { min: numberOrNull(d.min), max: numberOrNull(d.max), integer: d.integer }),
  }));
}

/** The same declarations the server will check, for the live preview. */
export function declarationsOf(drafts: readonly VariableDraft[]): VariableDeclaration[] {
  return drafts.map((d): VariableDeclaration => {
    const name = d.name.trim();
    if (d.type === 'CHOICE') {
      return { name, type: 'choice', options: optionList(d.options), default: d.default || null };
    }
    if (d.type === 'NUMBER') {
      for (const [label, text] of [
        ['default', d.default],
        ['minimum', d.min],
        ['maximum', d.max],
      ] as const) {
        if (text.trim() !== '' && !Number.isFinite(Number(text))) {
          throw new TemplateError(`The ${label} of {${name}} must be a number.`, null, name);
        }
      }
      return {
        name,
        type: 'number',
        min: numberOrNull(d.min),
        max: numberOrNull(d.max),
        integer: d.integer,
        default: numberOrNull(d.default),
      };
    }
    return { name, type: 'text', default: d.default === '' ? null : d.default };
  });
}

export interface TemplatePreview {
  prompt: string | null;
  error: TemplateError | null;
  warnings: string[];
  /** Variables the body uses but the draft does not declare yet (offered as one-click fixes). */
  undeclared: string[];
}

/** The expanded prompt while the person types, or what stops it, computed here without a request. */
export function previewTemplate(
  body: string,
  drafts: readonly VariableDraft[],
  values: Readonly<Record<string, string>> = {},
): TemplatePreview {
  const undeclared = usedNames(body).filter((name) => !drafts.some((d) => d.name.trim() === name));
  try {
    const { template, error } = tryParseTemplate(body, declarationsOf(drafts));
    if (!template) return { prompt: null, error, warnings: [], undeclared };
    const given = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));
    return {
      prompt: expandTemplate(template, given),
      error: null,
      warnings: template.warnings.map((w) => w.message),
      undeclared,
    };
  } catch (error) {
    if (error instanceof TemplateError) return { prompt: null, error, warnings: [], undeclared };
    throw error;
  }
}

/** Variable names written in a body, in order, ignoring escaped braces and malformed ones. */
export function usedNames(body: string): string[] {
  const names: string[] = [];
  for (const match of body.replace(/\{\{|\}\}/g, '').matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
    if (!names.includes(match[1]!)) names.push(match[1]!);
  }
  return names;
}
