import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ApiTokens_TokenFragment, Scope } from '../../gql/graphql';
import { formatDateTime, timeAgo } from '../../lib/time';
import {
  issuesToErrors,
  noErrors,
  requestFailedMessage,
  sentence,
  type FormErrors,
} from '../auth/form-errors';
import { CopyField } from '../ui/copy-field';
import { Field } from '../ui/field';
import { useToast } from '../ui/toast';
import { InlineLoadError } from '../ui/view-state';
import './settings.css';

export const ApiTokens_Token = graphql(`
  fragment ApiTokens_Token on ApiToken {
    id
    name
    prefix
    scopes
    createdAt
    lastUsedAt
    revokedAt
  }
`);

export const ApiTokens_Tokens = graphql(`
  query ApiTokens_Tokens {
    apiTokens {
      ...ApiTokens_Token
    }
  }
`);

export const ApiTokens_CreateApiToken = graphql(`
  mutation ApiTokens_CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      __typename
      ... on CreatedApiToken {
        secret
        token {
          ...ApiTokens_Token
        }
      }
      ...FormErrors_Error
    }
  }
`);

export const ApiTokens_RevokeApiToken = graphql(`
  mutation ApiTokens_RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      __typename
      ... on ApiToken {
        ...ApiTokens_Token
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

const SCOPES: readonly { scope: Scope; hint: string; adminOnly?: boolean }[] = [
  { scope: 'read', hint: 'Read your images, jobs and the rest.' },
  { scope: 'generate', hint: 'Make, change, share and delete images; cancel jobs.' },
  { scope: 'admin', hint: 'Manage users, limits and sign-up.', adminOnly: true },
];

type TokenField = 'name' | 'scopes';

/** The command that tries a token: who it belongs to. */
export function curlSnippet(secret: string, origin: string = window.location.origin): string {
  return [
    `curl -H 'Authorization: Bearer ${secret}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '{"query":"{ viewer { email } }"}' \\`,
    `  ${origin}/graphql`,
  ].join('\n');
}

/**
 * API tokens for scripts and other clients: the list (with when each was last used), a form to
 * make one — its secret is shown once, here, and nowhere else — and Revoke.
 */
export function ApiTokens({ isAdmin }: { isAdmin: boolean }) {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: ApiTokens_Tokens,
    requestPolicy: 'cache-and-network',
  });
  const [, createToken] = useMutation(ApiTokens_CreateApiToken);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<readonly Scope[]>(['read']);
  const [errors, setErrors] = useState<FormErrors<TokenField>>(noErrors);
  const [pending, setPending] = useState(false);
  // The secret lives in this state only: never in the cache, storage or the URL.
  const [secret, setSecret] = useState<{ value: string; name: string } | null>(null);
  const scopesError = useId();
  const hintsId = useId();

  const toggle = (scope: Scope, on: boolean) => {
    setScopes((prev) => (on ? [...prev, scope] : prev.filter((s) => s !== scope)));
    if (errors.fields.scopes) {
      setErrors((prev) => ({ ...prev, fields: { ...prev.fields, scopes: undefined } }));
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const missing: Partial<Record<TokenField, string>> = {};
    if (!name.trim()) missing.name = 'Name the token after what will use it, e.g. "backup script".';
    if (scopes.length === 0) missing.scopes = 'Choose at least one scope.';
    if (Object.keys(missing).length > 0) {
      setErrors({ fields: missing, form: null });
      return;
    }
    setErrors(noErrors());
    setPending(true);
    const ordered = SCOPES.map((s) => s.scope).filter((scope) => scopes.includes(scope));
    const result = await createToken({ input: { name: name.trim(), scopes: ordered } });
    setPending(false);
    const outcome = result.data?.createApiToken;
    if (result.error || !outcome) {
      setErrors({ fields: {}, form: requestFailedMessage(result.error) });
    } else if (outcome.__typename === 'CreatedApiToken') {
      setSecret({ value: outcome.secret, name: outcome.token.name });
      setName('');
      setScopes(['read']);
    } else if (outcome.__typename === 'InvalidInputError') {
      setErrors(issuesToErrors(outcome.issues, { name: 'name', scopes: 'scopes' }, outcome.message));
    } else {
      setErrors({ fields: {}, form: sentence(outcome.message) });
    }
  };

  const tokens = data?.apiTokens ?? [];
  const offered = SCOPES.filter((s) => !s.adminOnly || isAdmin);

  return (
    <div className="tokens">
      <p className="muted">
        Scripts and other apps use a token instead of your password. Give each its own token, with only the
        scopes it needs, and revoke it when it is no longer used.
      </p>
      <form className="token-form" noValidate onSubmit={(event) => void submit(event)}>
        <Field label="Token name" error={errors.fields.name}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={name}
              maxLength={80}
              placeholder="e.g. backup script"
              onChange={(event) => {
                setName(event.target.value);
                if (errors.fields.name) {
                  setErrors((prev) => ({ ...prev, fields: { ...prev.fields, name: undefined } }));
                }
              }}
            />
          )}
        </Field>
        <fieldset
          className="scopes"
          aria-describedby={errors.fields.scopes ? scopesError : undefined}
          aria-invalid={errors.fields.scopes ? true : undefined}
        >
          <legend className="field-label">Scopes</legend>
          {offered.map(({ scope, hint }) => (
            <label key={scope} className="check scope">
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                aria-describedby={`${hintsId}-${scope}`}
                onChange={(event) => toggle(scope, event.target.checked)}
              />
              <span className="scope-name">{scope}</span>
              {/* Read as the checkbox's description, not as part of its name. */}
              <span id={`${hintsId}-${scope}`} className="field-hint scope-hint" aria-hidden="true">
                {hint}
              </span>
            </label>
          ))}
          {errors.fields.scopes && (
            <p id={scopesError} className="field-error">
              {errors.fields.scopes}
            </p>
          )}
        </fieldset>
        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
        <div>
          <button type="submit" className="button button-primary" aria-busy={pending || undefined}>
            Create token
          </button>
        </div>
      </form>
      {secret && (
        <div className="token-secret" role="group" aria-label={`New token “${secret.name}”`}>
          <p className="token-warning" role="alert">
            Copy the token now. It will not be shown again: Atelier keeps only a fingerprint of it.
          </p>
          <CopyField label="New token" value={secret.value} copyLabel="Copy token" autoFocus />
          <CopyField
            label="Use it"
            value={curlSnippet(secret.value)}
            copyLabel="Copy command"
            multiline
            hint="Any GraphQL request works the same way: send the token in the Authorization header."
          />
          <div>
            <button type="button" className="button" onClick={() => setSecret(null)}>
              Done, I have copied it
            </button>
          </div>
        </div>
      )}
      {error && !data ? (
        <InlineLoadError
          what="your tokens"
          message={requestFailedMessage(error)}
          onRetry={() => refetch({ requestPolicy: 'network-only' })}
        />
      ) : fetching && !data ? (
        <p className="muted">Loading tokens…</p>
      ) : tokens.length === 0 ? (
        <p className="muted">No tokens yet.</p>
      ) : null}
      <ul className="token-list" aria-label="API tokens" hidden={tokens.length === 0}>
        {tokens.map((token) => (
          <TokenItem key={token.id} token={token} />
        ))}
      </ul>
    </div>
  );
}

function TokenItem({ token }: { token: ApiTokens_TokenFragment }) {
  const [{ fetching }, revoke] = useMutation(ApiTokens_RevokeApiToken);
  const toast = useToast();
  const metaId = useId();
  const revoked = !!token.revokedAt;

  const onRevoke = async () => {
    const result = await revoke({ id: token.id });
    const outcome = result.data?.revokeApiToken;
    if (result.error || !outcome) {
      toast.show({
        tone: 'error',
        message: `Could not revoke “${token.name}”. ${requestFailedMessage(result.error)}`,
      });
    } else if (outcome.__typename !== 'ApiToken') {
      toast.show({ tone: 'error', message: `Could not revoke “${token.name}”: ${outcome.message}` });
    } else toast.show({ message: `“${token.name}” revoked: requests with it are refused from now on.` });
  };

  return (
    <li className={`token-item${revoked ? ' token-item-revoked' : ''}`}>
      <div className="token-main">
        <span className="token-name">{token.name}</span>
        <span id={metaId} className="token-meta">
          <code>{token.prefix}…</code> · {token.scopes.join(', ')} · made {formatDateTime(token.createdAt)} ·{' '}
          {token.lastUsedAt ? (
            <span title={formatDateTime(token.lastUsedAt)}>
              last used {timeAgo(new Date(token.lastUsedAt))}
            </span>
          ) : (
            'never used'
          )}
          {revoked && token.revokedAt && <> · revoked {timeAgo(new Date(token.revokedAt))}</>}
        </span>
      </div>
      {revoked ? (
        <span className="chip chip-static">Revoked</span>
      ) : (
        <button
          type="button"
          className="button button-small button-danger-ghost"
          aria-describedby={metaId}
          disabled={fetching}
          onClick={() => void onRevoke()}
        >
          Revoke
        </button>
      )}
    </li>
  );
}
