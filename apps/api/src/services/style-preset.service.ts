import { findModel, modelFor } from '@atelier/providers';
import type { FieldIssue } from '@atelier/schema/errors';
import type {
  GenerateImagesInput,
  StylePresetInput,
  StylePresetRecord,
  StylePresetSettings,
  Viewer,
} from '@atelier/schema/context';
import { DomainError, InvalidInputError, NotFoundError } from '@atelier/schema/errors';
import type { ImageRepository } from '../repositories/image.repository';
import { encodeCursor, type KeysetPage } from '../repositories/keyset';
import type { StylePresetRepository } from '../repositories/style-preset.repository';
import { parsePresetDocument, presetDocument } from './style-preset-format';
import type { ProviderRegistry } from './provider-registry';

export interface StylePresetDeps {
  presets: StylePresetRepository;
  images: ImageRepository;
  providers: ProviderRegistry;
}

/** Named Generate setups: the starter set (read-only) and each person's own. */
export class StylePresetService {
  constructor(private readonly deps: StylePresetDeps) {}

  async loadMany(viewer: Viewer, ids: readonly string[]): Promise<(StylePresetRecord | null)[]> {
    const found = new Map((await this.deps.presets.findMany(viewer.id, ids)).map((p) => [p.id, p]));
    return ids.map((id) => found.get(id) ?? null);
  }

  list(viewer: Viewer, page: KeysetPage): Promise<StylePresetRecord[]> {
    return this.deps.presets.list(viewer.id, page);
  }

  cursorOf(preset: StylePresetRecord): string {
    return encodeCursor({ createdAt: preset.updatedAt, id: preset.id });
  }

  async create(viewer: Viewer, input: StylePresetInput): Promise<StylePresetRecord> {
    this.checkSettings(input.settings, ['input', 'settings']);
    await this.checkPreview(viewer, input.previewImageId);
    const [created] = await this.deps.presets.insertMany(viewer.id, [input]);
    return created!;
  }

  async update(viewer: Viewer, id: string, input: Partial<StylePresetInput>): Promise<StylePresetRecord> {
    await this.own(viewer, id);
    if (input.settings) this.checkSettings(input.settings, ['input', 'settings']);
    await this.checkPreview(viewer, input.previewImageId ?? null);
    const updated = await this.deps.presets.update(viewer.id, id, input);
    if (!updated) throw new NotFoundError('The style preset');
    return updated;
  }

  async duplicate(viewer: Viewer, id: string): Promise<StylePresetRecord> {
    const [preset] = await this.deps.presets.findMany(viewer.id, [id]);
    if (!preset) throw new NotFoundError('The style preset');
    const [copy] = await this.deps.presets.insertMany(viewer.id, [
      {
        name: `${preset.name} (copy)`.slice(0, 80),
        description: preset.description,
        settings: preset.settings,
        // A starter's preview, if any, is nobody's image; a copy of one's own keeps it.
        previewImageId: preset.ownerId === viewer.id ? preset.previewImageId : null,
      },
    ]);
    return copy!;
  }

  async delete(viewer: Viewer, id: string): Promise<void> {
    await this.own(viewer, id);
    if (!(await this.deps.presets.delete(viewer.id, id))) throw new NotFoundError('The style preset');
  }

  async exportJson(viewer: Viewer, ids: readonly string[] | null): Promise<string> {
    return JSON.stringify(presetDocument(await this.deps.presets.own(viewer.id, ids)), null, 2);
  }

  /** All or nothing: the first bad entry is named, and nothing is made. */
  async importJson(viewer: Viewer, json: string): Promise<StylePresetRecord[]> {
    const entries = parsePresetDocument(json);
    entries.forEach((entry, index) =>
      this.checkSettings(
        entry.settings,
        ['json', 'presets', String(index), 'settings'],
        `preset ${index + 1} ("${entry.name}"): `,
      ),
    );
    return this.deps.presets.insertMany(
      viewer.id,
      entries.map((entry) => ({ ...entry, previewImageId: null })),
    );
  }

  /**
   * A generation request with the preset applied: its prefix and suffix around the prompt, its
   * negative prompt and quality when the request has none, and its model, size, steps and style
   * when the request leaves them out and is for the preset's provider.
   */
  async applyTo(viewer: Viewer, request: GenerateImagesInput): Promise<GenerateImagesInput> {
    if (!request.presetId) return request;
    const [preset] = await this.deps.presets.findMany(viewer.id, [request.presetId]);
    if (!preset) {
      throw new InvalidInputError(
        [{ path: ['input', 'presetId'], message: 'no such style preset' }],
        'NOT_FOUND',
      );
    }
    const s = preset.settings;
    const sameProvider = s.provider === null || s.provider === request.provider;
    const sized = request.width !== null || request.height !== null || request.aspectRatio !== null;
    return {
      ...request,
      prompt: wrapPrompt(s.promptPrefix, request.prompt, s.promptSuffix),
      negativePrompt: request.negativePrompt ?? s.negativePrompt,
      quality: request.quality ?? s.quality,
      ...(sameProvider && {
        model: request.model ?? s.model,
        style: request.style ?? s.style,
        steps: request.steps ?? s.steps,
        ...(!sized && { width: s.width, height: s.height, aspectRatio: s.aspectRatio }),
      }),
    };
  }

  private async own(viewer: Viewer, id: string): Promise<StylePresetRecord> {
    const [preset] = await this.deps.presets.findMany(viewer.id, [id]);
    if (!preset) throw new NotFoundError('The style preset');
    if (preset.ownerId === null) {
      throw new DomainError('FORBIDDEN', 'Starter presets are read-only: duplicate one to change it');
    }
    return preset;
  }

  private async checkPreview(viewer: Viewer, imageId: string | null | undefined): Promise<void> {
    if (!imageId) return;
    const [image] = await this.deps.images.findManyForOwner(viewer.id, [imageId]);
    if (!image) {
      throw new InvalidInputError(
        [{ path: ['input', 'previewImageId'], message: 'no such image' }],
        'NOT_FOUND',
      );
    }
  }

  /** The same rules as a Generate request where they can be checked without a prompt. */
  private checkSettings(settings: StylePresetSettings, path: string[], prefix = ''): void {
    const issues: FieldIssue[] = [];
    const issue = (field: string, message: string) =>
      issues.push({ path: [...path, field], message: prefix + message });
    if (settings.provider !== null) {
      const provider = this.deps.providers.find(settings.provider);
      if (!provider) {
        issue(
          'provider',
          `unknown provider "${settings.provider}"; known: ${this.deps.providers.ids().join(', ')}`,
        );
      } else {
        const model =
          settings.model === null
            ? modelFor(provider.capabilities, 'GENERATE')
            : findModel(provider.capabilities, settings.model);
        if (!model || !model.operations.includes('GENERATE')) {
          issue('model', `${provider.displayName} has no model "${settings.model}" that generates`);
        } else {
          if (settings.style && !model.styles.includes(settings.style)) {
            issue(
              'style',
              `${model.name} has no style "${settings.style}"; choose one of ${model.styles.join(', ')}`,
            );
          }
          if (settings.aspectRatio && !model.aspectRatios.includes(settings.aspectRatio)) {
            issue('aspectRatio', `${model.name} does not take the aspect ratio ${settings.aspectRatio}`);
          }
          const steps = model.steps;
          if (
            settings.steps !== null &&
            steps &&
            (settings.steps < steps.min || settings.steps > steps.max)
          ) {
            issue('steps', `steps must be ${steps.min}–${steps.max} for ${model.name}`);
          }
          const size = model.size;
          for (const side of ['width', 'height'] as const) {
            const value = settings[side];
            if (value !== null && size && (value < size.min || value > size.max)) {
              issue(side, `${side} must be ${size.min}–${size.max} for ${model.name}`);
            }
          }
        }
      }
    } else if (settings.model !== null) {
      issue('model', 'a model needs its provider');
    }
    if (issues.length > 0) throw new InvalidInputError(issues);
  }
}

/** "prefix prompt suffix", without a space before a suffix that starts with punctuation. */
export function wrapPrompt(prefix: string | null, prompt: string, suffix: string | null): string {
  let text = prompt.trim();
  if (prefix?.trim()) text = `${prefix.trim()} ${text}`;
  const end = suffix?.trim();
  if (end) text = /^[,.;:!?]/.test(end) ? `${text}${end}` : `${text} ${end}`;
  return text;
}
