import type { ImageQuality } from './providers';

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
