import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Viewer } from '@atelier/domain';
import { errors } from 'oidc-provider';
import type { OAuthRepository } from '../repositories/oauth.repository';
import { OAUTH_SCOPES, type OAuthServer } from './provider';

export interface ConsentDeps {
  repository: OAuthRepository;
  /** Who the browser's Atelier session belongs to (cookie), or null. */
  sessionViewer: (req: IncomingMessage) => Promise<Viewer | null>;
}

const MAX_BODY_BYTES = 4096;

/**
 * The JSON the consent page speaks: `GET …/consent/:uid/details` (who asks for what) and
 * `POST …/consent/:uid/decision` with `{ "approve": true | false }`, answered with the URL to send
 * the browser to. Both need the person's Atelier session (an API token never approves), the
 * interaction cookie oidc-provider set on this browser, and the web app's CSRF header.
 */
export async function handleConsent(
  oauth: OAuthServer,
  deps: ConsentDeps,
  uid: string,
  action: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const isDetails = action === 'details' && req.method === 'GET';
  const isDecision = action === 'decision' && req.method === 'POST';
  if (!isDetails && !isDecision) return json(res, 404, { error: 'not_found' });
  if (!req.headers['x-atelier-csrf']) {
    return json(res, 403, { error: 'csrf_refused', message: 'Send the x-atelier-csrf header.' });
  }
  const viewer = await deps.sessionViewer(req);
  if (!viewer || viewer.via !== 'session') {
    return json(res, 401, { error: 'sign_in_required', message: 'Sign in to Atelier to continue.' });
  }
  let interaction;
  try {
    interaction = await oauth.provider.interactionDetails(req, res);
  } catch (error) {
    if (error instanceof errors.SessionNotFound) return expired(res);
    throw error;
  }
  // Another tab's request (the cookie names the latest one): never approve what was not shown.
  if (interaction.uid !== uid) return expired(res);

  const params = interaction.params as Record<string, unknown>;
  const clientId = text(params.client_id);
  const client = await oauth.provider.Client.find(clientId);
  if (!client) return expired(res);
  const requested = text(params.scope).split(' ').filter(Boolean);
  const scopes = OAUTH_SCOPES.filter((scope) => requested.includes(scope));

  if (isDetails) {
    const redirectUri = text(params.redirect_uri) || (client.redirectUris?.[0] ?? '');
    return json(res, 200, {
      client: {
        id: clientId,
        name: client.clientName ?? null,
        uri: client.clientUri ?? null,
        redirectHost: hostOf(redirectUri),
      },
      scopes,
    });
  }

  let approve: unknown;
  try {
    approve = (JSON.parse(await readBody(req)) as { approve?: unknown }).approve;
  } catch {
    return json(res, 400, {
      error: 'invalid_request',
      message: 'Send {"approve": true} or {"approve": false}.',
    });
  }
  if (typeof approve !== 'boolean') {
    return json(res, 400, {
      error: 'invalid_request',
      message: 'Send {"approve": true} or {"approve": false}.',
    });
  }
  if (!approve || scopes.length === 0) {
    const redirectTo = await oauth.provider.interactionResult(
      req,
      res,
      {
        error: 'access_denied',
        error_description: approve ? 'No Atelier scope was asked for.' : 'The person declined.',
      },
      { mergeWithLastSubmission: false },
    );
    return json(res, 200, { redirectTo });
  }

  // One connected app per person and client: approving again extends the same grant.
  const existing = await deps.repository.grantIdFor(viewer.id, clientId);
  const grant =
    (existing && (await oauth.provider.Grant.find(existing))) ||
    new oauth.provider.Grant({ accountId: viewer.id, clientId });
  const statics = new Set(['openid', 'offline_access', ...OAUTH_SCOPES]);
  const oidcScopes = requested.filter((scope) => statics.has(scope));
  if (oidcScopes.length) grant.addOIDCScope(oidcScopes.join(' '));
  grant.addResourceScope(oauth.resource, scopes.join(' '));
  const grantId = await grant.save();
  const redirectTo = await oauth.provider.interactionResult(
    req,
    res,
    { login: { accountId: viewer.id, remember: false }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
  return json(res, 200, { redirectTo });
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function hostOf(uri: string): string | null {
  try {
    return new URL(uri).host || null;
  } catch {
    return null;
  }
}

function expired(res: ServerResponse): void {
  json(res, 404, {
    error: 'expired',
    message: 'This sign-in request has expired or was opened elsewhere. Start again from the assistant.',
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
