/** Finetune management (served by the regional single-cluster hosts only, like the real API). */
import type { IncomingMessage } from 'node:http';
import { detail, methodNotAllowed, readJson, Reply, unprocessable, uuid } from './bfl-http';
import { type BodySchema, validateBody } from './bfl-validation';

export const finetunePaths = [
  '/v1/finetune',
  '/v1/my_finetunes',
  '/v1/finetune_details',
  '/v1/delete_finetune',
];

const trainingSchema: BodySchema = {
  fields: {
    file_data: { kind: 'string', required: true },
    finetune_comment: { kind: 'string', required: true },
    mode: { kind: 'literal', required: true, values: ['general', 'character', 'style', 'product'] },
    trigger_word: { kind: 'string' },
    iterations: { kind: 'integer', ge: 100, le: 1000 },
    learning_rate: { kind: 'number', nullable: true, ge: 0.000001, le: 0.005 },
    captioning: { kind: 'boolean' },
    priority: { kind: 'literal', values: ['speed', 'quality', 'high_res_only'] },
    finetune_type: { kind: 'literal', values: ['lora', 'full'] },
    lora_rank: { kind: 'integer', ge: 16, le: 32, multipleOf: 16 },
    webhook_url: { kind: 'string', nullable: true, minLength: 1, maxLength: 2083 },
    webhook_secret: { kind: 'string', nullable: true },
  },
};

export function createFinetunes(random: () => number, now: () => number) {
  const finetunes = new Map<string, Record<string, unknown>>();

  async function handle(req: IncomingMessage, url: URL): Promise<Reply> {
    const method = req.method ?? 'GET';
    switch (url.pathname) {
      case '/v1/my_finetunes':
        return method === 'GET' ? new Reply(200, { finetunes: [...finetunes.keys()] }) : methodNotAllowed();
      case '/v1/finetune_details': {
        if (method !== 'GET') return methodNotAllowed();
        const id = url.searchParams.get('finetune_id');
        if (id === null) {
          return unprocessable([
            { type: 'missing', loc: ['query', 'finetune_id'], msg: 'Field required', input: null },
          ]);
        }
        const found = finetunes.get(id);
        return found ? new Reply(200, { finetune_details: found }) : detail(404, `Finetune ${id} not found`);
      }
      case '/v1/delete_finetune': {
        if (method !== 'POST') return methodNotAllowed();
        const parsed = await readJson(req);
        if (parsed instanceof Reply) return parsed;
        const issues = validateBody(
          { fields: { finetune_id: { kind: 'string', required: true } } },
          parsed.value,
        );
        if (issues.length > 0) return unprocessable(issues);
        const id = (parsed.value as { finetune_id: string }).finetune_id;
        if (!finetunes.delete(id)) return detail(404, `Finetune ${id} not found`);
        return new Reply(200, {
          status: 'Deleted',
          message: `Finetune ${id} deleted`,
          deleted_finetune_id: id,
          timestamp: new Date(now()).toISOString(),
        });
      }
      default: {
        if (method !== 'POST') return methodNotAllowed();
        const parsed = await readJson(req);
        if (parsed instanceof Reply) return parsed;
        const issues = validateBody(trainingSchema, parsed.value);
        if (issues.length > 0) return unprocessable(issues);
        const body = parsed.value as Record<string, unknown>;
        const id = uuid(random);
        finetunes.set(id, {
          finetune_comment: body.finetune_comment,
          mode: body.mode,
          trigger_word: body.trigger_word ?? 'TOK',
          iterations: body.iterations ?? 300,
          finetune_type: body.finetune_type ?? 'full',
          status: 'Ready',
        });
        return new Reply(200, { finetune_id: id });
      }
    }
  }

  return { handle, has: (id: string) => finetunes.has(id) };
}
