import type { Cache, Data, UpdateResolver } from '@urql/exchange-graphcache';
import { graphql } from '../../gql';
import { collectionKey } from './collections';
import { linkedKeys, type Result, type Typed } from './connections';
import { imageKey } from './images';

/* Who is signed in, the instance's settings, API tokens, connected apps and share links. */

const UrqlCache_Instance = graphql(`
  query UrqlCache_Instance {
    instance {
      needsSetup
      signupEnabled
    }
  }
`);

/** `instance` has no id: it is changed through the query that holds it, when cached. */
function updateInstance(cache: Cache, changes: { needsSetup?: boolean; signupEnabled?: boolean }): void {
  cache.updateQuery({ query: UrqlCache_Instance }, (data) =>
    data ? { ...data, instance: { ...data.instance, ...changes } } : data,
  );
}

/** Who `viewer` is from now on: the account just signed in (or set up), or nobody. */
function linkViewer(cache: Cache, account: Typed | null): void {
  cache.link('Query', 'viewer', account ? cache.keyOfEntity(account as Data) : null);
}

/** Sign-in, sign-up and setup answer with the account: it is the viewer now. */
export function signsIn(field: 'signIn' | 'signUp' | 'setup'): UpdateResolver<Result<typeof field, Typed>> {
  return (result, _args, cache) => {
    const outcome = result[field];
    if (outcome?.__typename !== 'Account') return;
    linkViewer(cache, outcome);
    if (field === 'setup') updateInstance(cache, { needsSetup: false });
  };
}

export const signOut: UpdateResolver<Result<'signOut', boolean>> = (result, _args, cache) => {
  if (result.signOut) linkViewer(cache, null);
};

/** Puts `entity` first in a cached list field, unless it is there already (unknown lists stay unknown). */
function prependToList(cache: Cache, parent: string, field: string, entity: Typed): void {
  const key = cache.keyOfEntity(entity as Data);
  const list = linkedKeys(cache, parent, field);
  if (!key || !list || list.includes(key)) return;
  cache.link(parent, field, [key, ...list]);
}

export const createApiToken: UpdateResolver<
  Result<'createApiToken', { __typename?: string; token?: Typed }>
> = (result, _args, cache) => {
  const outcome = result.createApiToken;
  if (outcome?.__typename === 'CreatedApiToken' && outcome.token) {
    prependToList(cache, 'Query', 'apiTokens', outcome.token);
  }
};

/** A new webhook joins the top of the list (its secret is only in the answer, never cached apart). */
export const createWebhook: UpdateResolver<
  Result<'createWebhook', { __typename?: string; webhook?: Typed }>
> = (result, _args, cache) => {
  const outcome = result.createWebhook;
  if (outcome?.__typename === 'WebhookWithSecret' && outcome.webhook) {
    prependToList(cache, 'Query', 'webhooks', outcome.webhook);
  }
};

/** A deleted webhook leaves the list and the cache at once. */
export const deleteWebhook: UpdateResolver<Result<'deleteWebhook', Typed & { id?: string }>> = (
  result,
  _args,
  cache,
) => {
  const deleted = result.deleteWebhook;
  if (deleted?.__typename !== 'DeletedWebhook' || !deleted.id) return;
  const key = cache.keyOfEntity({ __typename: 'Webhook', id: deleted.id });
  const list = linkedKeys(cache, 'Query', 'webhooks');
  if (key && list) {
    cache.link(
      'Query',
      'webhooks',
      list.filter((other) => other !== key),
    );
  }
  if (key) cache.invalidate(key);
};

/** A redelivery or a test event is a new call: the webhook's log is read again. */
export const refreshesDeliveries: UpdateResolver = (_result, _args, cache) => {
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName === 'webhookDeliveries') cache.invalidate('Query', field.fieldName, field.arguments);
  }
};

/** A revoked connected app is gone: it leaves the list at once (its tokens no longer work). */
export const revokeConnectedApp: UpdateResolver<Result<'revokeConnectedApp', Typed>> = (
  result,
  _args,
  cache,
) => {
  const app = result.revokeConnectedApp;
  if (app?.__typename !== 'ConnectedApp') return;
  const key = cache.keyOfEntity(app as Data);
  const list = linkedKeys(cache, 'Query', 'connectedApps');
  if (!key || !list) return;
  cache.link(
    'Query',
    'connectedApps',
    list.filter((other) => other !== key),
  );
};

export const createShareLink: UpdateResolver<
  Result<'createShareLink', Typed & { image?: Typed | null; collection?: Typed | null }>,
  { input: { imageId?: string | null; collectionId?: string | null } }
> = (result, args, cache) => {
  const link = result.createShareLink;
  if (link?.__typename !== 'ShareLink') return;
  const collectionId = link.collection?.id ?? args.input.collectionId;
  const imageId = link.image?.id ?? args.input.imageId;
  const target = collectionId
    ? collectionKey(cache, collectionId)
    : imageId
      ? imageKey(cache, imageId)
      : null;
  if (target) prependToList(cache, target, 'shareLinks', link);
};

export const setSignupEnabled: UpdateResolver<Result<'setSignupEnabled', boolean>> = (
  result,
  _args,
  cache,
) => {
  if (typeof result.setSignupEnabled === 'boolean') {
    updateInstance(cache, { signupEnabled: result.setSignupEnabled });
  }
};
