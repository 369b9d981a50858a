export type Role = 'ADMIN' | 'USER';
/** What a request may do: `read` everything of the viewer's, `generate` (make, change, delete), `admin`. */
export type Scope = 'read' | 'generate' | 'admin';
export const allScopes: readonly Scope[] = ['read', 'generate', 'admin'];

export interface Viewer {
  id: string;
  displayName: string;
  email: string | null;
  role: Role;
  /** The scopes of this request: a session has all its role allows; an API token, its own. */
  scopes: readonly Scope[];
  /** How the request proved who it is. Account settings (tokens, password) need a session. */
  via: 'session' | 'token';
  /** The API token used, when `via` is 'token' (for per-token rate limits). */
  tokenId: string | null;
  /** The door the request came in by when not GraphQL (jobs record it as their origin). */
  door?: 'mcp';
}

/** What a request presents to say who it is: an API token's secret, or a browser session's token. */
export type PresentedCredential = { kind: 'token'; secret: string } | { kind: 'session'; token: string };

export interface Credentials {
  email: string;
  password: string;
}

export interface AccountRecord {
  id: string;
  email: string | null;
  displayName: string;
  role: Role;
  createdAt: Date;
  maxConcurrentJobs: number | null;
  maxImagesPerDay: number | null;
  disabled: boolean;
  /** An admin set a temporary password: the person must choose their own before going on. */
  mustChangePassword: boolean;
}

export interface Usage {
  images: number;
  imagesToday: number;
  activeJobs: number;
  jobs: number;
}

export interface ApiTokenRecord {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A one-time invitation to sign up (its secret is shown once, to the admin who made it). */
export interface InviteRecord {
  id: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}
