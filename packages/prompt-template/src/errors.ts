/**
 * Why a template or its values were refused. `position` is the offset in the body (null when the
 * problem is in the declarations or the values); `variable` names the variable concerned, if any.
 */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';

  constructor(
    message: string,
    readonly position: number | null = null,
    readonly variable: string | null = null,
  ) {
    super(message);
  }
}
