import { type GenerateImagesInput, InvalidInputError, type TemplateUse, type Viewer } from '@atelier/domain';
import type { PromptService } from './prompt.service';
import type { StylePresetService } from './style-preset.service';
import type { TemplateService } from './template.service';

/** What a Generate request takes from the person's library: template expansion, style presets, history. */
export class RequestPreparation {
  constructor(
    private readonly deps: {
      templates: TemplateService;
      presets: StylePresetService;
      prompts: PromptService;
    },
  ) {}

  /**
   * The request as it will run: the template expanded (its text replaces `prompt`), then the
   * preset applied. `typed` is the prompt before the preset, which is what history remembers.
   */
  async prepare(
    viewer: Viewer,
    request: GenerateImagesInput,
  ): Promise<{ request: GenerateImagesInput; template: TemplateUse | null; typed: string }> {
    let prompt = request.prompt;
    let template: TemplateUse | null = null;
    if (request.template) {
      ({ prompt, template } = await this.deps.templates.expand(viewer, request.template));
    }
    if (!prompt.trim()) {
      const field = request.template ? ['input', 'template', 'values'] : ['input', 'prompt'];
      throw new InvalidInputError([{ path: field, message: 'prompt must not be empty' }], 'INVALID_PROMPT');
    }
    const applied = await this.deps.presets.applyTo(viewer, { ...request, prompt });
    return { request: applied, template, typed: prompt };
  }

  remember(viewer: Viewer, prompt: string | null, negativePrompt: string | null): Promise<void> {
    return prompt ? this.deps.prompts.remember(viewer, prompt, negativePrompt) : Promise.resolve();
  }
}
