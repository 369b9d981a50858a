/**
 * Typed prompt templates: `a {subject} in {style} style, {count} birds`, where each variable is
 * declared as text, a choice among options, or a number with bounds. Shared by the API (which
 * expands templates for generation and batches) and the web app (live preview while editing).
 *
 * Syntax: `{name}` is a variable (letters, digits and _, not starting with a digit); `{{` and `}}`
 * are literal braces. Using an undeclared variable is an error; declaring one the body does not
 * use is a warning (ParsedTemplate.warnings). All failures are TemplateError { message, position,
 * variable }.
 */
export type * from './types';
export { TemplateError } from './errors';
export {
  checkDeclarations,
  isVariableName,
  MAX_CHOICE_OPTIONS,
  MAX_VARIABLE_NAME_LENGTH,
  MAX_VARIABLES,
} from './declarations';
export { MAX_BODY_LENGTH, parseTemplate, tryParseTemplate } from './parse';
export { checkValue, expandTemplate, render, resolveValues } from './expand';
export { expandMatrix, MATRIX_LIMIT, matrixSize, type MatrixEntry, type ValueLists } from './matrix';
