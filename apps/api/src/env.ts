import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    ATELIER_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
    ATELIER_DATA_DIR: z.string().min(1).default(`${repoRoot}.data`),
    ATELIER_WEB_DIST: z.string().min(1).default(`${repoRoot}apps/web/dist`),
    ATELIER_PUBLIC_FILES_URL: z.url().optional(),
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
  });

export type Env = z.infer<typeof schema> & { ATELIER_PUBLIC_URL: string };

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
