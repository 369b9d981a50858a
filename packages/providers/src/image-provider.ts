import type { ImageQuality, ProviderCapabilities } from './capabilities';

/** The seed's GenerationParams, resolved: every field has a value or is explicitly absent. */
export interface GenerationParams {
  width: number;
  height: number;
  quality: ImageQuality;
  style: string | null;
  negativePrompt: string | null;
  seed: number;
  steps: number;
}

export interface GenerateRequest {
  prompt: string;
  model: string;
  params: GenerationParams;
  count: number;
}

export interface ProviderImage {
  bytes: Buffer;
  mime: 'image/png' | 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
  /** The seed that produced this image (providers may derive one per image). */
  seed: number;
  model: string;
  /** Provider-specific facts worth keeping with the image (e.g. an upsampled prompt). */
  metadata: Record<string, unknown>;
}

export interface ProgressUpdate {
  /** 0..1 */
  progress: number;
  stage: string;
  /** A small preview of the work so far (a few KB), when the provider has one. */
  preview?: { bytes: Buffer; mime: 'image/png' | 'image/jpeg' | 'image/webp' };
}

export interface RunContext {
  signal: AbortSignal;
  onProgress: (update: ProgressUpdate) => void;
}

export interface ProviderAvailability {
  available: boolean;
  reason: string | null;
}

export interface ImageProvider {
  readonly id: string;
  readonly displayName: string;
  readonly description: string;
  readonly capabilities: ProviderCapabilities;
  availability(): ProviderAvailability;
  generate(request: GenerateRequest, context: RunContext): Promise<ProviderImage[]>;
}
