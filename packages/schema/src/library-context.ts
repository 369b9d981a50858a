import type { TemplateValue, VariableDeclaration } from '@atelier/prompt-template';
import type { ImageQuality } from '@atelier/providers';
import type { PageRequest, Viewer } from './context';

/** The prompt library's records and ports (saved prompts, history, templates, style presets). */

export interface SavedPromptRecord {
  id: string;
  title: string;
  prompt: string;
  negativePrompt: string | null;
  tags: string[];
  notes: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface SavedPromptInput {
  title: string;
  prompt: string;
  negativePrompt: string | null;
  tags: string[];
  notes: string;
}

export interface PromptHistoryRecord {
  id: string;
  prompt: string;
  negativePrompt: string | null;
  uses: number;
  firstUsedAt: Date;
  lastUsedAt: Date;
}

/** A variable declaration as a form sends it: every value as text, numbers included. */
export interface TemplateVariableInput {
  name: string;
  type: VariableDeclaration['type'];
  options: string[] | null;
  default: string | null;
  min: number | null;
  max: number | null;
  integer: boolean | null;
}

export interface PromptTemplateRecord {
  id: string;
  name: string;
  latestVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface PromptTemplateVersionRecord {
  templateId: string;
  version: number;
  body: string;
  variables: VariableDeclaration[];
  createdAt: Date;
}

export interface TemplatePreviewRecord {
  prompt: string;
  variables: string[];
  warnings: string[];
}

/** Which template (and version, values) a generation request or an image used. */
export interface TemplateUse {
  id: string;
  version: number;
  values: Record<string, TemplateValue>;
}

export interface StylePresetSettings {
  provider: string | null;
  model: string | null;
  width: number | null;
  height: number | null;
  aspectRatio: string | null;
  quality: ImageQuality | null;
  steps: number | null;
  style: string | null;
  promptPrefix: string | null;
  promptSuffix: string | null;
  negativePrompt: string | null;
}

export interface StylePresetRecord {
  id: string;
  /** null: a starter preset shipped with Atelier, read-only. */
  ownerId: string | null;
  name: string;
  description: string;
  settings: StylePresetSettings;
  previewImageId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface StylePresetInput {
  name: string;
  description: string;
  settings: StylePresetSettings;
  previewImageId: string | null;
}

export interface LibraryServices {
  prompts: {
    list(
      viewer: Viewer,
      filter: { search: string | null; tag: string | null },
      page: PageRequest,
    ): Promise<SavedPromptRecord[]>;
    cursorOf(prompt: SavedPromptRecord): string;
    save(viewer: Viewer, input: SavedPromptInput): Promise<SavedPromptRecord>;
    update(viewer: Viewer, id: string, input: Partial<SavedPromptInput>): Promise<SavedPromptRecord>;
    delete(viewer: Viewer, id: string): Promise<void>;
    history(viewer: Viewer, search: string | null, page: PageRequest): Promise<PromptHistoryRecord[]>;
    historyCursorOf(entry: PromptHistoryRecord): string;
    deleteHistoryEntry(viewer: Viewer, id: string): Promise<void>;
    clearHistory(viewer: Viewer): Promise<number>;
  };
  templates: {
    loadMany(viewer: Viewer, ids: readonly string[]): Promise<(PromptTemplateRecord | null)[]>;
    list(viewer: Viewer, page: PageRequest): Promise<PromptTemplateRecord[]>;
    cursorOf(template: PromptTemplateRecord): string;
    versions(viewer: Viewer, templateIds: readonly string[]): Promise<PromptTemplateVersionRecord[][]>;
    create(
      viewer: Viewer,
      input: { name: string; body: string; variables: TemplateVariableInput[] },
    ): Promise<PromptTemplateRecord>;
    update(
      viewer: Viewer,
      id: string,
      input: { name: string | null; body: string | null; variables: TemplateVariableInput[] | null },
    ): Promise<PromptTemplateRecord>;
    delete(viewer: Viewer, id: string): Promise<void>;
    preview(
      body: string,
      variables: TemplateVariableInput[],
      values: Record<string, string>,
    ): TemplatePreviewRecord;
  };
  presets: {
    loadMany(viewer: Viewer, ids: readonly string[]): Promise<(StylePresetRecord | null)[]>;
    /** The starter presets and the viewer's own, most recently changed first (starters date from install). */
    list(viewer: Viewer, page: PageRequest): Promise<StylePresetRecord[]>;
    cursorOf(preset: StylePresetRecord): string;
    create(viewer: Viewer, input: StylePresetInput): Promise<StylePresetRecord>;
    update(viewer: Viewer, id: string, input: Partial<StylePresetInput>): Promise<StylePresetRecord>;
    duplicate(viewer: Viewer, id: string): Promise<StylePresetRecord>;
    delete(viewer: Viewer, id: string): Promise<void>;
    exportJson(viewer: Viewer, ids: readonly string[] | null): Promise<string>;
    importJson(viewer: Viewer, json: string): Promise<StylePresetRecord[]>;
  };
}
