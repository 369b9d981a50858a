import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { FilesDelivery, StorageSettings } from './repositories/storage-factory';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    ATELIER_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
    ATELIER_DATA_DIR: z.string().min(1).default(`${repoRoot}.data`),
    ATELIER_WEB_DIST: z.string().min(1).default(`${repoRoot}apps/web/dist`),
    // A public base (a CDN in front of the bucket or of /files) where `<base>/<key>` serves a stored file.
    ATELIER_PUBLIC_FILES_URL: z
      .url({ protocol: /^https?$/ })
      .transform((value) => value.replace(/\/+$/, ''))
      .optional(),
    // Where image bytes live: files under ATELIER_DATA_DIR, or an S3-compatible bucket (S3_*).
    ATELIER_STORAGE: z.enum(['disk', 's3']).default('disk'),
    // Owners' files at /files: streamed through this server, or a redirect to a short-lived presigned URL (s3 only).
    ATELIER_FILES_DELIVERY: z.enum(['stream', 'presigned']).default('stream'),
    S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    S3_REGION: z.string().min(1).optional(),
    S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected a bucket name (3-63 of a-z 0-9 . -)')
      .optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: z
      .enum(['0', '1', 'true', 'false'])
      .transform((value) => value === '1' || value === 'true')
      .optional(),
    S3_PRESIGN_SECONDS: z.coerce.number().int().min(1).max(604_800).optional(),
    // The origin people and assistants reach this server at: the OAuth issuer and the /mcp resource.
    ATELIER_PUBLIC_URL: z
      .url({ protocol: /^https?$/ })
      .transform((value) => value.replace(/\/+$/, ''))
      .optional(),
    // How long an MCP tool that starts a job waits for it before handing back the job id.
    ATELIER_MCP_WAIT_SECONDS: z.coerce.number().min(0).max(600).default(45),
    ATELIER_LOCAL_STEP_MS: z.coerce.number().int().min(0).max(10_000).default(120),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
    // Threads running Enhance tiles (ESRGAN); unset: one per core.
    ENHANCE_THREADS: z.coerce.number().int().min(1).max(64).optional(),
    WORKER_REMOTE_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
    BFL_API_KEY: z.string().min(1).optional(),
    BFL_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.bfl.ai'),
    BFL_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(24),
    IDEOGRAM_API_KEY: z.string().min(1).optional(),
    IDEOGRAM_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.ideogram.ai'),
    IDEOGRAM_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(1000).default(10),
    ATELIER_FAKE_PROVIDERS: z
      .enum(['0', '1', 'true', 'false'])
      .default('0')
      .transform((value) => value === '1' || value === 'true'),
    // Hosts provider results may come from although private or plain http (any public https host may).
    ATELIER_RESULT_HOSTS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((host) => host.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(/^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/, 'expected host or host:port'),
        ),
      ),
    ATELIER_FALLBACK_PROVIDERS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      ),
    ATELIER_ALLOWED_ORIGINS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ protocol: /^https?$/ }))),
    // For tests only: addresses (e.g. 127.0.0.1) that URL imports may reach although they are not public.
    ATELIER_URL_FETCH_ALLOW_ADDRESSES: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((address) => address.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.union([z.ipv4(), z.ipv6()]))),
    // Development only: webhook endpoints on this machine (127.0.0.1, [::1]), plain http included.
    ATELIER_WEBHOOK_ALLOW_LOOPBACK: z
      .enum(['0', '1', 'true', 'false'])
      .default('0')
      .transform((value) => value === '1' || value === 'true'),
    ATELIER_TRUST_PROXY: z
      .enum(['0', '1', 'true', 'false'])
      .default('0')
      .transform((value) => value === '1' || value === 'true'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // Prometheus metrics at /metrics: off unless 1, and then only on their own port or behind a token.
    ATELIER_METRICS: z
      .enum(['0', '1', 'true', 'false'])
      .default('0')
      .transform((value) => value === '1' || value === 'true'),
    ATELIER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    ATELIER_METRICS_TOKEN: z.string().min(16, 'expected at least 16 characters').optional(),
    /** A port of its own serving /healthz and /readyz (a worker-only process has no other HTTP server). */
    ATELIER_HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  })
  .superRefine((env, context) => {
    // Never public by accident: metrics must be asked for somewhere a stranger cannot reach.
    if (!env.ATELIER_METRICS) return;
    if (env.ATELIER_ROLE === 'worker' && env.ATELIER_METRICS_PORT === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['ATELIER_METRICS_PORT'],
        message: 'a worker process has no HTTP server: set ATELIER_METRICS_PORT to serve its metrics',
      });
    } else if (env.ATELIER_METRICS_PORT === undefined && env.ATELIER_METRICS_TOKEN === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['ATELIER_METRICS'],
        message:
          'metrics need ATELIER_METRICS_PORT (a port of their own) or ATELIER_METRICS_TOKEN (a bearer token on the main port)',
      });
    }
  })
  .superRefine((env, context) => {
    const s3Variables = s3VariableNames.filter((name) => env[name] !== undefined);
    if (env.ATELIER_STORAGE === 'disk') {
      if (s3Variables.length > 0) {
        context.addIssue({
          code: 'custom',
          path: ['ATELIER_STORAGE'],
          message: `is disk (the default), yet ${s3Variables.join(', ')} ${s3Variables.length > 1 ? 'are' : 'is'} set: set ATELIER_STORAGE=s3 or unset them`,
        });
      }
      if (env.ATELIER_FILES_DELIVERY === 'presigned') {
        context.addIssue({
          code: 'custom',
          path: ['ATELIER_FILES_DELIVERY'],
          message: 'presigned needs ATELIER_STORAGE=s3 (files on disk can only be streamed)',
        });
      }
      return;
    }
    for (const name of ['S3_BUCKET', 'S3_REGION'] as const) {
      if (env[name] === undefined) {
        context.addIssue({ code: 'custom', path: [name], message: 'required when ATELIER_STORAGE=s3' });
      }
    }
    if ((env.S3_ACCESS_KEY_ID === undefined) !== (env.S3_SECRET_ACCESS_KEY === undefined)) {
      const missing = env.S3_ACCESS_KEY_ID === undefined ? 'S3_ACCESS_KEY_ID' : 'S3_SECRET_ACCESS_KEY';
      context.addIssue({
        code: 'custom',
        path: [missing],
        message:
          'set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (the AWS default credentials)',
      });
    }
  });

const s3VariableNames = [
  'S3_ENDPOINT',
  'S3_REGION',
  'S3_BUCKET',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'S3_FORCE_PATH_STYLE',
  'S3_PRESIGN_SECONDS',
] as const;

export type Env = z.infer<typeof schema> & { ATELIER_PUBLIC_URL: string };

/**
 * The environment of `storage:migrate --to s3`: the S3_* variables name the bucket to copy to
 * while the server may still run on disk (ATELIER_STORAGE switches only when the copy is done).
 */
export function parseEnvForMigrationToS3(source: NodeJS.ProcessEnv = process.env): Env {
  return parseEnv({ ...source, ATELIER_STORAGE: 's3' });
}

/** The storage and file delivery that `env` asks for (already checked to be complete and consistent). */
export function storageSettingsOf(env: Env): { storage: StorageSettings; filesDelivery: FilesDelivery } {
  const filesDelivery: FilesDelivery =
    env.ATELIER_FILES_DELIVERY === 'presigned'
      ? { mode: 'presigned', seconds: env.S3_PRESIGN_SECONDS ?? 300 }
      : { mode: 'stream' };
  if (env.ATELIER_STORAGE === 'disk') return { storage: { kind: 'disk' }, filesDelivery };
  return {
    storage: {
      kind: 's3',
      endpoint: env.S3_ENDPOINT ?? null,
      region: env.S3_REGION!,
      bucket: env.S3_BUCKET!,
      accessKeyId: env.S3_ACCESS_KEY_ID ?? null,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? null,
      forcePathStyle: env.S3_FORCE_PATH_STYLE ?? false,
    },
    filesDelivery,
  };
}

/** The only reader of process.env. Fails listing every bad variable at once. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return {
    ...result.data,
    ATELIER_PUBLIC_URL: result.data.ATELIER_PUBLIC_URL ?? `http://localhost:${result.data.PORT}`,
  };
}
