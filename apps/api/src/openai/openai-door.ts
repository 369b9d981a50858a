import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ImageParamsInput, Upload, Viewer } from '@atelier/domain';
import type { Operation } from '@atelier/providers';
import type { App } from '../app';
import { bearerOnly, type RequestCredentials } from '../http/credentials';
import { requestOrigin } from '../http/origin';
import { type MutationLimits, takeChangeBuckets } from '../http/rate-limit.plugin';
import { imagesAnswer, waitForEnd } from './job-answer';
import { openAiErrorOf, OpenAiError } from './openai-errors';
import { listModels, resolveModel } from './openai-models';
import {
  editRequest,
  generationRequest,
  parseRequest,
  qualityOf,
  variationRequest,
  type VariationRequest,
} from './openai-requests';
import { readBody, readForm } from './request-body';
import { sizeParams } from './openai-size';

export const OPENAI_PREFIX = '/v1/';

export interface OpenAiDoorOptions {
  trustProxy: boolean;
  /** How long an image call waits for its job before answering 504 (the job goes on). */
  jobWaitMs: number;
  rateLimits: false | MutationLimits;
}

/**
 * `/v1`: OpenAI's Images API over Atelier's services, for the many tools that already speak it.
 * Bearer API tokens only (never cookies, so a web page cannot act as its visitor); each call is an
 * ordinary job (gallery, history, insights, quotas, fallback chains), answered when it ends.
 */
export function createOpenAiDoor(
  app: App,
  resolveViewer: (credentials: RequestCredentials) => Promise<Viewer | null>,
  options: OpenAiDoorOptions,
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const path = (req.url ?? '/').split('?')[0]!;
      const viewer = await resolveViewer({ headers: bearerOnly(req) });
      if (!viewer) {
        throw new OpenAiError(
          401,
          'authentication_error',
          'Send Authorization: Bearer <an Atelier API token (atl_…)>; create one in Settings → API tokens.',
          'invalid_api_key',
        );
      }
      const route = routes[`${req.method} ${path}`];
      if (path.startsWith('/v1/models/') && req.method === 'GET') {
        return send(res, 200, oneModel(app, viewer, decodeURIComponent(path.slice('/v1/models/'.length))));
      }
      if (!route) {
        throw new OpenAiError(
          404,
          'invalid_request_error',
          `Unknown request URL: ${req.method} ${path}.`,
          'unknown_url',
        );
      }
      requireScope(viewer, route.scope);
      if (route.scope === 'generate' && options.rateLimits) {
        const seconds = await takeChangeBuckets(app.repositories.rateLimits, viewer, options.rateLimits);
        if (seconds !== null) {
          throw new OpenAiError(
            429,
            'rate_limit_error',
            `Too many requests in a short time; try again in ${seconds} s.`,
            'rate_limit_exceeded',
            null,
            seconds,
          );
        }
      }
      const answer = await route.run({
        app,
        viewer,
        req,
        res,
        baseUrl: requestOrigin(req, options.trustProxy),
        options,
      });
      send(res, 200, answer);
    } catch (error) {
      const refusal = openAiErrorOf(error);
      if (!refusal) {
        app.logger.error({ err: error }, 'OpenAI-compatible request failed');
        return send(
          res,
          500,
          new OpenAiError(500, 'server_error', 'The server failed; nothing more is known.').body(),
        );
      }
      const headers =
        refusal.retryAfterSeconds === null
          ? {}
          : ({ 'retry-after': String(refusal.retryAfterSeconds) } as Record<string, string>);
      send(res, refusal.status, refusal.body(), headers);
    }
  };
}

interface Call {
  app: App;
  viewer: Viewer;
  req: IncomingMessage;
  res: ServerResponse;
  baseUrl: string;
  options: OpenAiDoorOptions;
}

const routes: Record<string, { scope: 'read' | 'generate'; run(call: Call): Promise<unknown> }> = {
  'GET /v1/models': {
    scope: 'read',
    run: async ({ app }) => ({ object: 'list', data: listModels(app.services.providers.list(), CREATED) }),
  },
  'POST /v1/images/generations': {
    scope: 'generate',
    run: async (call) => {
      const body = parseRequest(generationRequest, await readJson(call.req));
      if (body.background === 'transparent') {
        throw new OpenAiError(
          400,
          'invalid_request_error',
          "background: no provider of this Atelier makes transparent backgrounds; use 'auto' or 'opaque'.",
          'invalid_value',
          'background',
        );
      }
      const params = imageParams(call.app, body, 'GENERATE', 1);
      return runJob(call, body, () =>
        call.app.services.generation.generate(call.viewer, {
          ...params,
          prompt: body.prompt,
          provider: params.provider!,
        }),
      );
    },
  },
  'POST /v1/images/edits': {
    scope: 'generate',
    run: async (call) => {
      const form = await readForm(call.req);
      const body = parseRequest(editRequest, form.fields);
      const image = requireFile(form.files.image ?? form.files['image[]'], 'image');
      const params = imageParams(call.app, body, 'EDIT', 1);
      return runJob(call, body, () =>
        call.app.uploadedImageJobs.edit(call.viewer, {
          ...params,
          image,
          mask: form.files.mask ?? null,
          prompt: body.prompt,
        }),
      );
    },
  },
  'POST /v1/images/variations': {
    scope: 'generate',
    run: async (call) => {
      const form = await readForm(call.req);
      const body = parseRequest(variationRequest, form.fields);
      const image = requireFile(form.files.image, 'image');
      const params = imageParams(call.app, body, 'VARIATION', 1);
      return runJob(call, body, () => call.app.uploadedImageJobs.vary(call.viewer, { ...params, image }));
    },
  },
};

// Models carry no creation date here; a fixed one keeps answers stable (2026-01-01).
const CREATED = 1_767_225_600;

function oneModel(app: App, viewer: Viewer, id: string) {
  requireScope(viewer, 'read');
  const model = listModels(app.services.providers.list(), CREATED).find((entry) => entry.id === id);
  if (!model) {
    throw new OpenAiError(
      404,
      'invalid_request_error',
      `The model \`${id}\` does not exist.`,
      'model_not_found',
      'model',
    );
  }
  return model;
}

/** The service's parameters for an OpenAI request: the model's provider and chain, size, count, quality, style. */
function imageParams(
  app: App,
  body: VariationRequest & { style?: string | undefined },
  operation: Operation,
  defaultCount: number,
): ImageParamsInput {
  const providers = app.services.providers.list();
  const choice = resolveModel(body.model, providers, operation);
  const provider = providers.find((candidate) => candidate.id === choice.provider)!;
  const model = provider.capabilities.models.find(
    (candidate) => candidate.id === (choice.model ?? provider.capabilities.defaultModel),
  );
  return {
    provider: choice.provider,
    model: choice.model,
    count: body.n ?? defaultCount,
    ...sizeParams(body.size, model),
    quality: model?.supportsQuality ? qualityOf(body.quality) : null,
    // Passes through when it is one of the model's own (local's "watercolor"); OpenAI's vivid/natural match none.
    style: body.style && model?.styles.includes(body.style) ? body.style : null,
    negativePrompt: null,
    seed: null,
    steps: null,
    magicPrompt: null,
    fallbackProviders: choice.fallbackProviders,
  };
}

async function runJob(
  call: Call,
  body: VariationRequest,
  start: () => ReturnType<App['services']['generation']['generate']>,
) {
  const { app, viewer, res } = call;
  const job = await start();
  // A caller that hangs up does not want the images: stop paying for them.
  const hungUp = new AbortController();
  const onClose = () => {
    if (!res.writableEnded) hungUp.abort();
  };
  res.once('close', onClose);
  try {
    const latest = await waitForEnd(app, viewer, job, call.options.jobWaitMs, hungUp.signal);
    if (hungUp.signal.aborted) {
      await app.services.jobs.cancel(viewer, job.id).catch(() => undefined);
      return null;
    }
    return await imagesAnswer(app, viewer, latest, {
      baseUrl: call.baseUrl,
      format: body.response_format ?? 'url',
      outputFormat: body.output_format,
    });
  } finally {
    res.off('close', onClose);
  }
}

function requireScope(viewer: Viewer, scope: 'read' | 'generate'): void {
  if (!viewer.scopes.includes(scope)) {
    throw new OpenAiError(
      403,
      'invalid_request_error',
      `This token lacks the "${scope}" scope; create a token with it in Settings → API tokens.`,
      'insufficient_scope',
    );
  }
}

function requireFile(file: Upload | undefined, field: string): Upload {
  if (!file) {
    throw new OpenAiError(
      400,
      'invalid_request_error',
      `${field}: a file is required (multipart/form-data)`,
      'invalid_value',
      field,
    );
  }
  return file;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  if (!req.headers['content-type']?.toLowerCase().startsWith('application/json')) {
    throw new OpenAiError(
      400,
      'invalid_request_error',
      'Send the request as application/json.',
      'invalid_value',
    );
  }
  const text = (await readBody(req)).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new OpenAiError(400, 'invalid_request_error', 'The body is not valid JSON.', 'invalid_json');
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.writableEnded || res.destroyed) return;
  if (body === null) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}
