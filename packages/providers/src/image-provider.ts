import type { Margins } from '@atelier/image-edits';
import type { ImageQuality, MagicPrompt, ProviderCapabilities } from './capabilities';
import type { ProviderError } from './errors';

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/webp';

/** The seed's GenerationParams, resolved: every field has a value or is explicitly absent. */
export interface GenerationParams {
  /** Pixel size, for models with a size rule; null for aspect-ratio models. */
  width: number | null;
  height: number | null;
  /** "W:H", for aspect-ratio models; null otherwise. */
  aspectRatio: string | null;
  quality: ImageQuality;
  style: string | null;
  negativePrompt: string | null;
  seed: number;
  steps: number | null;
  magicPrompt: MagicPrompt | null;
}

/** An image handed to a provider (bytes already checked and re-encoded by the API). */
export interface SourceImage {
  bytes: Buffer;
  mime: ImageMime;
  width: number;
  height: number;
}

export interface GenerateRequest {
  prompt: string;
  model: string;
  params: GenerationParams;
  count: number;
}

export type VariationStrength = 'SUBTLE' | 'STRONG';

/** New images close to `source` (Midjourney's Vary subtle/strong). */
export interface VaryRequest extends GenerateRequest {
  source: SourceImage;
  strength: VariationStrength;
}

export interface EnhanceRequest {
  source: SourceImage;
  scale: number;
  /** Optional guidance for providers whose upscaler takes a prompt. */
  prompt: string | null;
}

/** `source` redrawn in another style: a named style, a description, or a reference image. */
export interface RestyleRequest extends GenerateRequest {
  source: SourceImage;
  styleText: string | null;
  styleReference: SourceImage | null;
}

/** Repaint the masked part of `source`. `mask` is white where to change, black where to keep. */
export interface EditRequest extends GenerateRequest {
  source: SourceImage;
  mask: SourceImage;
}

/**
 * Expand the canvas of `source` by `margins` and fill the new area (outpainting); the source sits
 * unchanged inside. `prompt` guides the new area where the provider takes one.
 */
/** Margins added around a picture, in its own pixels. */
export type { Margins };

export interface ExpandRequest extends Margins {
  source: SourceImage;
  prompt: string | null;
  model: string;
  params: GenerationParams;
  count: number;
}

export interface ProviderImage {
  bytes: Buffer;
  mime: ImageMime;
  /** Size as the provider reports it, when it does (the API measures the bytes itself). */
  width?: number;
  height?: number;
  /** The seed that produced this image, when the provider reports one. */
  seed: number | null;
  model: string;
  /** Provider-specific facts worth keeping with the image (e.g. an upsampled prompt). */
  metadata: Record<string, unknown>;
}

export interface ProviderResult {
  images: ProviderImage[];
  /** Images the provider made but withheld (e.g. Ideogram's is_image_safe: false). */
  withheld: number;
  /** What the provider says it charged, in US dollars, when it says. */
  costUsd: number | null;
  /** The provider's own processing time, when it reports one. */
  providerMs: number | null;
}

export interface ProgressUpdate {
  /** 0..1 */
  progress: number;
  stage: string;
  /** A small preview of the work so far (a few KB), when the provider has one. */
  preview?: { bytes: Buffer; mime: ImageMime };
}

export interface RunContext {
  signal: AbortSignal;
  onProgress: (update: ProgressUpdate) => void;
  /**
   * A request to the provider failed and the provider is making it again itself (a 429 on submit,
   * a connection that never opened): each such request is a call of its own, to be recorded.
   */
  onRetriedCall?: (error: ProviderError, startedAt: Date) => void;
  /**
   * One of the call's images is finished (a provider that makes them one by one says so as each
   * comes): if the job is canceled before the call ends, the images already made are kept.
   */
  onImage?: (image: ProviderImage, index: number) => void;
}

export interface ProviderAvailability {
  available: boolean;
  /** Why not, and what to do (e.g. "Set BFL_API_KEY"). */
  reason: string | null;
}

/**
 * One image provider. Every operation takes `{signal, onProgress}`; an operation the provider's
 * capabilities do not declare throws ProviderError UNSUPPORTED.
 */
export interface ImageProvider {
  readonly id: string;
  readonly displayName: string;
  readonly description: string;
  readonly capabilities: ProviderCapabilities;
  availability(): ProviderAvailability;
  generate(request: GenerateRequest, context: RunContext): Promise<ProviderResult>;
  vary(request: VaryRequest, context: RunContext): Promise<ProviderResult>;
  enhance(request: EnhanceRequest, context: RunContext): Promise<ProviderResult>;
  restyle(request: RestyleRequest, context: RunContext): Promise<ProviderResult>;
  edit(request: EditRequest, context: RunContext): Promise<ProviderResult>;
  expand(request: ExpandRequest, context: RunContext): Promise<ProviderResult>;
}
