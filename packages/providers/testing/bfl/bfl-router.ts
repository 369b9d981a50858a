/** Logs each request, sends it to its endpoint's handler, and writes the answer (or drops the connection). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorize } from './bfl-auth';
import { getCredits } from './bfl-credits';
import { finetunePaths } from './bfl-finetunes';
import { type BflRequestRecord, detail, methodNotAllowed, notFound, type Reply, sendJson } from './bfl-http';
import { bflModelsByPath } from './bfl-models';
import { poll } from './bfl-poll';
import type { BflFakeState } from './bfl-state';
import { submit } from './bfl-submit';
import type { BflHostRole } from './bfl-tasks';

export async function handleRequest(
  state: BflFakeState,
  role: BflHostRole,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fake');
  const keyHeader = req.headers['x-key'];
  const record: BflRequestRecord = {
    host: role,
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    key: typeof keyHeader === 'string' ? keyHeader : null,
    status: null,
    at: state.now(),
  };
  state.requests.push(record);
  try {
    const reply =
      role === 'delivery'
        ? await state.delivery.serve(req, url, record, res)
        : await routeApi(state, role, req, url, record, res);
    if (reply === 'reset') {
      record.status = 'reset';
      req.socket.destroy();
    } else if (reply !== 'sent') {
      sendJson(res, record, reply);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    sendJson(res, record, detail(500, `fake failure: ${message}`));
  }
}

async function routeApi(
  state: BflFakeState,
  role: BflHostRole,
  req: IncomingMessage,
  url: URL,
  record: BflRequestRecord,
  res: ServerResponse,
): Promise<Reply | 'reset' | 'sent'> {
  const { pathname } = url;
  const method = req.method ?? 'GET';
  if (pathname === '/v1/get_result') {
    return method === 'GET' ? poll(state, role, url, record) : methodNotAllowed();
  }
  if (pathname === '/v1/credits') return method === 'GET' ? getCredits(state, record) : methodNotAllowed();
  if (finetunePaths.includes(pathname)) {
    if (role !== 'cluster') return notFound();
    return authorize(state, record) ?? state.finetunes.handle(req, url);
  }
  const model = pathname.startsWith('/v1/') ? bflModelsByPath.get(pathname.slice(4)) : undefined;
  const retired = model !== undefined && state.settings.retiredModels.includes(model.path);
  if (!model || retired || (model.regionalOnly && role !== 'cluster')) return notFound();
  if (method !== 'POST') return methodNotAllowed();
  return submit(state, role, model, req, record, res);
}
