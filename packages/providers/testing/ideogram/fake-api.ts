/** The API origin: logs each request, finds its endpoint, checks method, key and body, then runs it. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { checkApiKey } from './fake-auth';
import { errorBody, Refusal } from './fake-errors';
import { BadRequest, type FilePart, type Value } from './fake-field-values';
import { readBody, send } from './fake-http';
import { decodePixels, measure } from './fake-pixels';
import { checkCombinations, parseRequest } from './fake-request';
import { type IdeogramFakeRequest, logEntry } from './fake-request-log';
import { run } from './fake-run';
import { pickScenario, scenarioLabel } from './fake-scenarios';
import { type EndpointSpec, endpoints } from './fake-schema';
import type { IdeogramFakeState } from './fake-state';

const MAX_BODY_BYTES = 64 * 1024 * 1024;

export function createApiServer(state: IdeogramFakeState): Server {
  return createServer((req, res) => {
    handleApi(state, req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) send(res, 500, { error: `Fake failure: ${String(error)}` });
    });
  });
}

async function handleApi(state: IdeogramFakeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://fake.invalid').pathname;
  const entry = logEntry(req, path);
  state.requests.push(entry);
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
    entry.status = status;
    send(res, status, body, headers);
  };
  const style = state.options.errorStyle;

  const spec = endpoints.find((candidate) => candidate.path === path);
  if (spec === undefined) return reply(404, errorBody(style, 404, 'Not Found', `No endpoint at ${path}`));
  if (req.method !== 'POST') return reply(405, errorBody(style, 405, 'Method Not Allowed', 'Use POST'));
  const unauthorized = checkApiKey(state, spec, entry);
  if (unauthorized) {
    req.resume();
    return reply(unauthorized.status, unauthorized.body);
  }

  let values: Record<string, Value>;
  try {
    values = await readValues(state, spec, req, entry);
  } catch (error) {
    if (error instanceof BadRequest) return reply(400, errorBody(style, 400, 'Bad Request', error.message));
    if (error instanceof Refusal) return reply(error.status, error.body);
    throw error;
  }

  const numImages =
    spec.output === 'describe' ? 1 : typeof values.num_images === 'number' ? values.num_images : 1;
  entry.numImages = numImages;
  const scenario = pickScenario(state.queue, values);
  entry.scenario = scenarioLabel(scenario);
  const drop = (): void => {
    entry.status = 0;
    req.socket.destroy();
  };
  try {
    await run(state, { spec, values, numImages, scenario }, reply, drop);
  } catch (error) {
    if (error instanceof Refusal) return reply(error.status, error.body, error.headers);
    if (state.lifetime.signal.aborted) return;
    throw error;
  }
}

/** The validated values (logged as sent); throws BadRequest or a Refusal (413). */
async function readValues(
  state: IdeogramFakeState,
  spec: EndpointSpec,
  req: IncomingMessage,
  entry: IdeogramFakeRequest,
): Promise<Record<string, Value>> {
  const body = await readBody(req, MAX_BODY_BYTES);
  const parsed = await parseRequest(spec, entry.contentType ?? undefined, body, {
    measure,
    strictFileParts: state.options.strictFileParts ?? true,
  });
  entry.fields = parsed.text;
  entry.json = parsed.json;
  entry.files = parsed.files.map((file) => ({ ...file }));
  checkCombinations(spec, parsed.values, state.maxPromptLength);
  const minMasked = state.options.minMaskedFraction ?? 0;
  if (spec.path === '/v1/ideogram-v3/edit' && minMasked > 0) {
    await checkMaskedArea(parsed.values.mask as FilePart, minMasked);
  }
  return parsed.values;
}

/** Black marks the area to edit. */
async function checkMaskedArea(maskPart: FilePart, minFraction: number): Promise<void> {
  const mask = await decodePixels(maskPart.bytes);
  let black = 0;
  for (let p = 0; p < mask.width * mask.height; p++) if ((mask.data[p * 3] ?? 0) < 128) black++;
  if (black / (mask.width * mask.height) < minFraction) {
    throw new BadRequest('The mask marks too small an area to edit');
  }
}
