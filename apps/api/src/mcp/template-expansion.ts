import { InvalidInputError } from '@atelier/domain';
import type { VariableDeclaration } from '@atelier/prompt-template';
import { z } from 'zod';
import type { McpContext } from './mcp-context';
import { ToolRefusal } from './tool-errors';

export const templateVariable = z.object({
  name: z.string().describe('Written {name} in the body'),
  type: z.enum(['text', 'choice', 'number']),
  options: z.array(z.string()).nullable().describe('The values a choice takes'),
  default: z.string().nullable().describe('Used when no value is given; null: a value is needed'),
  min: z.number().nullable(),
  max: z.number().nullable(),
  integer: z.boolean().describe('Whether a number must be whole'),
});

export function viewVariable(variable: VariableDeclaration): z.infer<typeof templateVariable> {
  return {
    name: variable.name,
    type: variable.type,
    options: variable.type === 'choice' ? variable.options : null,
    default: variable.default == null ? null : String(variable.default),
    min: variable.type === 'number' ? (variable.min ?? null) : null,
    max: variable.type === 'number' ? (variable.max ?? null) : null,
    integer: variable.type === 'number' && !!variable.integer,
  };
}

/** What a variable accepts, in words a model (or a person filling a prompt form) can follow. */
export function describeVariable(variable: VariableDeclaration): string {
  const fallback = variable.default == null ? '' : ` (default: ${String(variable.default)})`;
  switch (variable.type) {
    case 'choice':
      return `One of: ${variable.options.join(', ')}${fallback}`;
    case 'number': {
      const bounds = [
        variable.min != null && `at least ${variable.min}`,
        variable.max != null && `at most ${variable.max}`,
      ].filter(Boolean);
      const kind = variable.integer ? 'A whole number' : 'A number';
      return `${kind}${bounds.length > 0 ? `, ${bounds.join(' and ')}` : ''}${fallback}`;
    }
    case 'text':
      return `Text${fallback}`;
  }
}

/**
 * A template of the viewer's expanded with values, through the same service generation uses; an
 * unknown or foreign template is NOT_FOUND, a bad value names its variable.
 */
export async function expandTemplate(
  ctx: McpContext,
  templateId: string,
  version: number | null,
  values: Record<string, string>,
): Promise<{ prompt: string; version: number }> {
  const [template] = await ctx.app.services.templates.loadMany(ctx.viewer, [templateId]);
  if (!template) {
    throw new ToolRefusal(
      'NOT_FOUND',
      'You have no template with this id. Use an id that list_templates returned.',
      'templateId',
    );
  }
  try {
    const { prompt, template: use } = await ctx.app.services.templates.expand(ctx.viewer, {
      id: template.id,
      version,
      values,
    });
    return { prompt, version: use.version };
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    if (error.code === 'NOT_FOUND') {
      throw new ToolRefusal(
        'NOT_FOUND',
        `This template has versions 1 to ${template.latestVersion}; omit version for the latest.`,
        'version',
      );
    }
    const issue = error.issues[0];
    const variable = issue?.path.slice(3).join('.');
    throw new ToolRefusal(
      'INVALID_INPUT',
      issue?.message ?? error.message,
      variable ? `values.${variable}` : 'values',
    );
  }
}
