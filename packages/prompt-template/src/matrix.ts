import { TemplateError } from './errors';
import { checkValue, declarationOf, render } from './expand';
import type { ParsedTemplate, ResolvedValues, TemplateValue } from './types';

/** The most prompts one matrix may expand to. */
export const MATRIX_LIMIT = 100;

export type ValueLists = Readonly<Record<string, readonly TemplateValue[] | null | undefined>>;

export interface MatrixEntry {
  values: ResolvedValues;
  prompt: string;
}

/**
 * How many prompts expandMatrix would make: the product of the list lengths over the variables
 * the body uses (a variable without a list, or with an empty one, counts once: its default).
 */
export function matrixSize(template: ParsedTemplate, valueLists: ValueLists): number {
  return template.variables.reduce((size, name) => size * Math.max(1, valueLists[name]?.length ?? 0), 1);
}

/**
 * Every combination of the listed values (the cartesian product, first variable outermost), each
 * checked like expandTemplate checks one value. Throws TemplateError past MATRIX_LIMIT prompts.
 */
export function expandMatrix(
  template: ParsedTemplate,
  valueLists: ValueLists,
  limit: number = MATRIX_LIMIT,
): MatrixEntry[] {
  for (const name of Object.keys(valueLists)) declarationOf(template, name);
  const size = matrixSize(template, valueLists);
  if (size > limit) {
    throw new TemplateError(`These lists make ${size} prompts; the limit is ${limit}.`);
  }
  const axes = template.variables.map((name) => {
    const declaration = declarationOf(template, name);
    const list = valueLists[name];
    const given = list && list.length > 0 ? list : [undefined];
    return { name, values: given.map((value) => checkValue(declaration, value)) };
  });
  let combinations: ResolvedValues[] = [{}];
  for (const axis of axes) {
    combinations = combinations.flatMap((combination) =>
      axis.values.map((value) => ({ ...combination, [axis.name]: value })),
    );
  }
  return combinations.map((values) => ({ values, prompt: render(template, values) }));
}
