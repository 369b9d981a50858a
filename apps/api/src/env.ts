import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  ATELIER_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  ATELIER_DATA_DIR: z.string().min(1).default(`${repoRoot}.data`),
  ATELIER_WEB_DIST: z.string().min(1).default(`${repoRoot}apps/web/dist`),
  ATELIER_PUBLIC_FILES_URL: z.url().optional(),
  ATELIER_LOCAL_STEP_MS: z.coerce.number().int().min(0).max(10_000).default(120),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof schema>;

/** The only reader of process.env. Fails listing every bad variable at once. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}
