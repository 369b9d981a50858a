import type { ProviderErrorCode } from '../../errors';
import type { EnhanceRequest, ProgressUpdate, ProviderImage, ProviderResult } from '../../image-provider';

type Bytes<T> = Omit<T, 'bytes'> & { bytes: Uint8Array };

export type ToThread =
  | {
      type: 'enhance';
      id: number;
      request: Omit<EnhanceRequest, 'source'> & { source: Bytes<EnhanceRequest['source']> };
    }
  | { type: 'cancel'; id: number }
  | { type: 'warm' };

export type FromThread =
  | { type: 'progress'; id: number; update: ProgressUpdate }
  | { type: 'done'; id: number; result: Omit<ProviderResult, 'images'> & { images: Bytes<ProviderImage>[] } }
  | {
      type: 'failed';
      id: number;
      error: {
        code: ProviderErrorCode;
        message: string;
        retryable: boolean;
        details: Record<string, unknown>;
      };
    };
