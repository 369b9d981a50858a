import {
  DomainError,
  type FieldIssue,
  type GenerateImagesInput,
  InvalidInputError,
  NotFoundError,
  type StylePresetInput,
  type StylePresetRecord,
  type StylePresetSettings,
  type Viewer,
} from '@atelier/domain';
import {
  findModel,
  type ModelCapabilities,
  modelFor,
  type SharedLimits,
  sharedLimits,
} from '@atelier/providers';
import type { ImageRepository } from '../repositories/image.repository';
import { encodeCursor, type KeysetPage } from '../repositories/keyset';
import type { StylePresetRepository } from '../repositories/style-preset.repository';
import { parsePresetDocument, presetDocument } from './style-preset-format';
import type { ProviderRegistry } from '../providers/provider-registry';

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
   * when the request leaves them out and is for the preset's provider. A preset without a provider
   * goes with any: the request's model takes from it what it takes (a size, steps, a style).
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
    const takes = s.provider === null ? this.takenBy(request) : { size: true, steps: true, style: true };
    return {
      ...request,
      prompt: wrapPrompt(s.promptPrefix, request.prompt, s.promptSuffix),
      negativePrompt: request.negativePrompt ?? s.negativePrompt,
      quality: request.quality ?? s.quality,
      ...(sameProvider && {
        model: request.model ?? s.model,
        style: request.style ?? (takes.style ? s.style : null),
        steps: request.steps ?? (takes.steps ? s.steps : null),
        ...(!sized && {
          width: takes.size ? s.width : null,
          height: takes.size ? s.height : null,
          aspectRatio: s.aspectRatio,
        }),
      }),
    };
  }

  /** Which of a preset's model settings the request's model takes (all, when it is unknown: refused later). */
  private takenBy(request: GenerateImagesInput): { size: boolean; steps: boolean; style: boolean } {
    const provider = this.deps.providers.find(request.provider);
    const model =
      provider &&
      (request.model === null
        ? modelFor(provider.capabilities, 'GENERATE')
        : findModel(provider.capabilities, request.model));
    if (!model) return { size: true, steps: true, style: true };
    return { size: model.size !== null, steps: model.steps !== null, style: model.styles.length > 0 };
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

  /**
   * The same rules as a Generate request where they can be checked without a prompt: those of the
   * provider's model, or, without a provider, those every provider's models share (the preset then
   * goes with any of them, see applyTo).
   */
  private checkSettings(settings: StylePresetSettings, path: string[], prefix = ''): void {
    const issues: FieldIssue[] = [];
    const issue = (field: string, message: string) =>
      issues.push({ path: [...path, field], message: prefix + message });
    if (settings.provider === null) {
      if (settings.model !== null) issue('model', 'a model needs its provider');
      checkLimits(settings, sharedLimits(this.generatingModels()), 'every provider', issue);
    } else {
      const provider = this.deps.providers.find(settings.provider);
      const model =
        provider &&
        (settings.model === null
          ? modelFor(provider.capabilities, 'GENERATE')
          : findModel(provider.capabilities, settings.model));
      if (!provider) {
        issue(
          'provider',
          `unknown provider "${settings.provider}"; known: ${this.deps.providers.ids().join(', ')}`,
        );
      } else if (!model || !model.operations.includes('GENERATE')) {
        issue('model', `${provider.displayName} has no model "${settings.model}" that generates`);
      } else {
        checkLimits(settings, sharedLimits([model]), model.name, issue);
      }
    }
    if (issues.length > 0) throw new InvalidInputError(issues);
  }

  private generatingModels(): ModelCapabilities[] {
    return this.deps.providers
      .list()
      .flatMap((provider) => provider.capabilities.models)
      .filter((model) => model.operations.includes('GENERATE'));
  }
}

/** Each setting within `limits`, those of `whose` models ("every provider" for a preset without one). */
function checkLimits(
  settings: StylePresetSettings,
  limits: SharedLimits,
  whose: string,
  issue: (field: string, message: string) => void,
): void {
  const { size, steps, styles, aspectRatios } = limits;
  for (const side of ['width', 'height'] as const) {
    const value = settings[side];
    if (value === null) continue;
    if (!size) issue(side, `${whose} takes an aspect ratio, not a pixel size`);
    else if (value < size.min || value > size.max || value % size.multipleOf !== 0) {
      issue(
        side,
        `${side} must be a multiple of ${size.multipleOf} from ${size.min} to ${size.max} for ${whose}`,
      );
    }
  }
  if (size && settings.width !== null && settings.height !== null) {
    if (settings.width * settings.height > size.maxPixels) {
      issue('width', `width × height must be at most ${size.maxPixels} pixels for ${whose}`);
    }
  }
  if (settings.steps !== null) {
    if (!steps) issue('steps', `${whose} takes no steps`);
    else if (settings.steps < steps.min || settings.steps > steps.max) {
      issue('steps', `steps must be ${steps.min}–${steps.max} for ${whose}`);
    }
  }
  if (settings.style && !styles?.includes(settings.style)) {
    issue(
      'style',
      !styles
        ? `${whose} takes no style`
        : styles.length === 0
          ? `no style suits ${whose}: give the preset a provider to choose one`
          : `style must be one of ${styles.join(', ')} for ${whose}`,
    );
  }
  if (settings.aspectRatio && aspectRatios && !aspectRatios.includes(settings.aspectRatio)) {
    issue('aspectRatio', `${whose} does not take the aspect ratio ${settings.aspectRatio}`);
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
