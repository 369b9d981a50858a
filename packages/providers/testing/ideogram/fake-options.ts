/** What a test can set when it starts the Ideogram fake. */

export interface IdeogramFakeCall {
  /** The path, e.g. "/v1/ideogram-v3/generate". */
  endpoint: string;
  /** rendering_speed, or TURBO/DEFAULT derived from a legacy model name. */
  renderingSpeed: string;
  numImages: number;
}

export interface IdeogramFakeOptions {
  /** The key the fake accepts. Default "ideogram-fake-key". */
  apiKey?: string;
  /** In-flight limit in images, across endpoints. Default 10. */
  maxInflightImages?: number;
  /** Send Retry-After (seconds) with 429s; Ideogram does not document one. Default none. */
  retryAfterSeconds?: number | null;
  /** Images (or describe calls) the account can pay for. Default unlimited. */
  balance?: number;
  /** Images per day before 402 daily_limit. Default unlimited. */
  dailyLimit?: number;
  /**
   * Time a request takes: a fixed number of ms, 'realistic' (seconds, by rendering speed and image
   * count, per third-party measurements) or a function. Default: tens of ms by speed.
   */
  latencyMs?: number | 'realistic' | ((call: IdeogramFakeCall) => number);
  /** How long [ideogram:slow] takes. Default 10 000 ms. */
  slowMs?: number;
  /** Body of 400/401/403/404: RFC 7807 problem+json (default) or {"error"}; Ideogram's is unconfirmed. */
  errorStyle?: 'problem+json' | 'error';
  /** Image link lifetime. Default 24 h. */
  linkTtlMs?: number;
  /** Status of an expired link (unconfirmed). Default 403. */
  expiredLinkStatus?: 403 | 404 | 410;
  /** Refuse (400) image downloads that carry an Api-Key or Authorization header. Leaks are recorded either way. */
  strictImageHost?: boolean;
  /** A file part's Content-Type must match its bytes. Default true. */
  strictFileParts?: boolean;
  /** Paint at this fraction of the size, then resample to the reported resolution (cheaper tests). Default 1. */
  renderScale?: number;
  /** /upscale's factor (unconfirmed, ~2×). Default 2. */
  upscaleFactor?: number;
  /** Unconfirmed; third parties cite 10 000. */
  maxPromptLength?: number;
  /** Minimum share of the image a v3 edit mask must mark (reported ~10 %, unconfirmed). Default 0. */
  minMaskedFraction?: number;
  now?: () => number;
  random?: () => number;
}
