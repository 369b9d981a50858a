import {
  InvalidInputError,
  InvalidTemplateError,
  NotFoundError,
  type PromptTemplateRecord,
  type PromptTemplateVersionRecord,
  type TemplatePreviewRecord,
  type TemplateUse,
  type TemplateVariableInput,
  type Viewer,
} from '@atelier/domain';
import {
  parseTemplate,
  resolveValues,
  render,
  TemplateError,
  type ParsedTemplate,
  type VariableDeclaration,
} from '@atelier/prompt-template';
import { encodeCursor, type KeysetPage } from '../repositories/keyset';
import type { TemplateRepository } from '../repositories/template.repository';

export interface TemplateDeps {
  templates: TemplateRepository;
}

/** Versioned prompt templates; the text language itself lives in @atelier/prompt-template. */
export class TemplateService {
  constructor(private readonly deps: TemplateDeps) {}

  async loadMany(viewer: Viewer, ids: readonly string[]): Promise<(PromptTemplateRecord | null)[]> {
    const found = new Map((await this.deps.templates.findMany(viewer.id, ids)).map((t) => [t.id, t]));
    return ids.map((id) => found.get(id) ?? null);
  }

  list(viewer: Viewer, page: KeysetPage): Promise<PromptTemplateRecord[]> {
    return this.deps.templates.list(viewer.id, page);
  }

  cursorOf(template: PromptTemplateRecord): string {
    return encodeCursor({ createdAt: template.updatedAt, id: template.id });
  }

  async versions(viewer: Viewer, templateIds: readonly string[]): Promise<PromptTemplateVersionRecord[][]> {
    const versions = await this.deps.templates.versions(viewer.id, templateIds);
    return templateIds.map((id) => versions.filter((v) => v.templateId === id));
  }

  /** One version of the viewer's template: `version`, or the latest when null; null when there is none. */
  version(
    viewer: Viewer,
    templateId: string,
    version: number | null,
  ): Promise<PromptTemplateVersionRecord | null> {
    return this.deps.templates.version(viewer.id, templateId, version);
  }

  create(
    viewer: Viewer,
    input: { name: string; body: string; variables: TemplateVariableInput[] },
  ): Promise<PromptTemplateRecord> {
    const parsed = parse(input.body, input.variables);
    return this.deps.templates.create(viewer.id, {
      name: input.name,
      body: input.body,
      variables: parsed.declarations,
    });
  }

  /** A new body or new variables make a new version (missing ones are taken from the latest). */
  async update(
    viewer: Viewer,
    id: string,
    input: { name: string | null; body: string | null; variables: TemplateVariableInput[] | null },
  ): Promise<PromptTemplateRecord> {
    let version: { body: string; variables: VariableDeclaration[] } | null = null;
    if (input.body !== null || input.variables !== null) {
      const latest = await this.deps.templates.version(viewer.id, id, null);
      if (!latest) throw new NotFoundError('The template');
      const body = input.body ?? latest.body;
      const parsed = input.variables
        ? parse(body, input.variables)
        : parseOrFail(() => parseTemplate(body, latest.variables));
      version = { body, variables: parsed.declarations };
    }
    const updated = await this.deps.templates.update(viewer.id, id, { name: input.name, version });
    if (!updated) throw new NotFoundError('The template');
    return updated;
  }

  async delete(viewer: Viewer, id: string): Promise<void> {
    if (!(await this.deps.templates.delete(viewer.id, id))) throw new NotFoundError('The template');
  }

  preview(
    body: string,
    variables: TemplateVariableInput[],
    values: Record<string, string>,
  ): TemplatePreviewRecord {
    const parsed = parse(body, variables);
    const resolved = parseOrFail(() => resolveValues(parsed, values), 'values');
    return {
      prompt: render(parsed, resolved),
      variables: parsed.variables,
      warnings: parsed.warnings.map((w) => w.message),
    };
  }

  /**
   * The prompt a generation request's template makes. Problems name `input.template.*` fields, as
   * InvalidInputError (NOT_FOUND when the template or version is not the viewer's).
   */
  async expand(
    viewer: Viewer,
    use: { id: string; version: number | null; values: Record<string, string> },
  ): Promise<{ prompt: string; template: TemplateUse }> {
    const version = await this.deps.templates.version(viewer.id, use.id, use.version);
    if (!version) {
      throw new InvalidInputError(
        [
          {
            path: ['input', 'template', use.version === null ? 'id' : 'version'],
            message: 'no such template version',
          },
        ],
        'NOT_FOUND',
      );
    }
    try {
      const parsed = parseTemplate(version.body, version.variables);
      const values = resolveValues(parsed, use.values);
      return { prompt: render(parsed, values), template: { id: use.id, version: version.version, values } };
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      throw new InvalidInputError([
        {
          path: ['input', 'template', 'values', ...(error.variable ? [error.variable] : [])],
          message: error.message,
        },
      ]);
    }
  }
}

/** Form declarations (text numbers) to typed ones; then the whole template is checked. */
function parse(body: string, inputs: readonly TemplateVariableInput[]): ParsedTemplate {
  const declarations = inputs.map(toDeclaration);
  return parseOrFail(() => parseTemplate(body, declarations));
}

function toDeclaration(input: TemplateVariableInput): VariableDeclaration {
  switch (input.type) {
    case 'text':
      return { name: input.name, type: 'text', default: input.default };
    case 'choice':
      return { name: input.name, type: 'choice', options: input.options ?? [], default: input.default };
    case 'number': {
      const fallback = input.default?.trim() ? Number(input.default) : null;
      if (fallback !== null && !Number.isFinite(fallback)) {
        throw new InvalidTemplateError(
          `The default of {${input.name}} must be a number.`,
          'input.variables',
          null,
          input.name,
        );
      }
      return {
        name: input.name,
        type: 'number',
        min: input.min,
        max: input.max,
        integer: input.integer ?? false,
        default: fallback,
      };
    }
    default:
      throw new InvalidTemplateError(
        `{${String(input.name)}} has an unknown type.`,
        'input.variables',
        null,
        null,
      );
  }
}

function parseOrFail<T>(run: () => T, field?: string): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    const at = field ?? (error.position === null ? 'variables' : 'body');
    throw new InvalidTemplateError(error.message, `input.${at}`, error.position, error.variable);
  }
}
