import type { ImageQuality, MagicPrompt, VariationStrength } from './providers';
import type { Upload } from './images';

/** Parameters shared by every operation that makes new pictures; null means the provider's default. */
export interface ImageParamsInput {
  provider: string | null;
  model: string | null;
  count: number;
  width: number | null;
  height: number | null;
  aspectRatio: string | null;
  quality: ImageQuality | null;
  style: string | null;
  negativePrompt: string | null;
  seed: number | null;
  steps: number | null;
  magicPrompt: MagicPrompt | null;
  /** Providers to try, in order, when the chosen one fails in a way another might not. */
  fallbackProviders: string[] | null;
}

export interface GenerateImagesInput extends ImageParamsInput {
  prompt: string;
  provider: string;
  /** Make the prompt from this template (the service expands it; `prompt` is then ignored). */
  template?: { id: string; version: number | null; values: Record<string, string> } | null;
  /** Apply this style preset: its prefix/suffix around the prompt, its settings under explicit fields. */
  presetId?: string | null;
  /** Append the new images to this hand-made collection of the viewer's. */
  collectionId?: string | null;
}

export interface CreateVariationsInput extends ImageParamsInput {
  imageId: string;
  strength: VariationStrength;
  prompt: string | null;
}

export interface EnhanceImageInput {
  imageId: string;
  scale: number;
  provider: string | null;
  fallbackProviders: string[] | null;
}

export interface RestyleImageInput extends ImageParamsInput {
  imageId: string;
  styleText: string | null;
  styleReferenceImageId: string | null;
  prompt: string | null;
}

export interface EditImageInput extends ImageParamsInput {
  imageId: string;
  prompt: string;
  /** White where to change, black where to keep; either uploaded or one of the viewer's images. */
  mask: Upload | null;
  maskImageId: string | null;
}

/** Expand one of the viewer's images by margins (outpainting); the new area is filled by a provider. */
export interface OutpaintImageInput extends ImageParamsInput {
  imageId: string;
  top: number;
  right: number;
  bottom: number;
  left: number;
  /** What the new area should show; the image's own prompt when null. */
  prompt: string | null;
}
