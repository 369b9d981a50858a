import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ShareDialog_LinkFragment } from '../../gql/graphql';
import { requestFailedMessage, sentence } from '../auth/form-errors';
import { formatDateTime, timeUntil } from '../../lib/time';
import { CopyField } from '../ui/copy-field';
import { SelectField } from '../ui/select-field';
import { Modal } from '../ui/modal';
import { useToast } from '../ui/toast';
import { InlineLoadError } from '../ui/view-state';
import './share.css';

export const ShareDialog_Link = graphql(`
  fragment ShareDialog_Link on ShareLink {
    id
    token
    path
    hideParams
    expiresAt
    revokedAt
    createdAt
    active
  }
`);

export const ShareDialog_Links = graphql(`
  query ShareDialog_Links($id: ID!) {
    image(id: $id) {
      id
      shareLinks {
        ...ShareDialog_Link
      }
    }
  }
`);

export const ShareDialog_CollectionLinks = graphql(`
  query ShareDialog_CollectionLinks($id: ID!) {
    collection(id: $id) {
      id
      shareLinks {
        ...ShareDialog_Link
      }
    }
  }
`);

export const ShareDialog_CreateShareLink = graphql(`
  mutation ShareDialog_CreateShareLink($input: CreateShareLinkInput!) {
    createShareLink(input: $input) {
      __typename
      ... on ShareLink {
        ...ShareDialog_Link
        image {
          id
        }
        collection {
          id
        }
      }
      ...FormErrors_Error
    }
  }
`);

export const ShareDialog_RevokeShareLink = graphql(`
  mutation ShareDialog_RevokeShareLink($id: ID!) {
    revokeShareLink(id: $id) {
      __typename
      ... on ShareLink {
        ...ShareDialog_Link
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

export const EXPIRY_CHOICES = [
  { value: 'never', label: 'Never', days: null },
  { value: '1', label: '1 day', days: 1 },
  { value: '7', label: '7 days', days: 7 },
  { value: '30', label: '30 days', days: 30 },
] as const;

type Expiry = (typeof EXPIRY_CHOICES)[number]['value'];

export function expiresAtFor(expiry: Expiry, now: Date = new Date()): string | null {
  const days = EXPIRY_CHOICES.find((choice) => choice.value === expiry)?.days ?? null;
  return days === null ? null : new Date(now.getTime() + days * 86_400_000).toISOString();
}

/** Where a share link opens: this app's origin and the link's path. */
export function shareUrl(link: { path: string }): string {
  return `${window.location.origin}${link.path}`;
}

/** "Active · expires in 7 days", "Revoked", "Expired". */
export function linkStatus(link: ShareDialog_LinkFragment, now: Date = new Date()): string {
  if (link.revokedAt) return 'Revoked';
  const expires = link.expiresAt ? new Date(link.expiresAt) : null;
  if (!link.active || (expires && expires <= now)) return 'Expired';
  return expires ? `Active · expires ${timeUntil(expires, now)}` : 'Active · never expires';
}

/** What a link shares: one image, or one hand-made collection. */
type ShareTarget =
  { imageId: string; collectionId?: undefined } | { collectionId: string; imageId?: undefined };

type ShareDialogProps = ShareTarget & {
  open: boolean;
  onClose: () => void;
};

/**
 * Make a public link to one image or collection (with or without prompts, for a while or for
 * good), copy it, revoke it.
 */
export function ShareDialog({ open, onClose, ...target }: ShareDialogProps) {
  return (
    <Modal open={open} onClose={onClose} title="Share" className="share-dialog">
      <ShareDialogBody target={target} />
    </Modal>
  );
}

function ShareDialogBody({ target }: { target: ShareTarget }) {
  const what = target.collectionId ? 'collection' : 'image';
  const [hideParams, setHideParams] = useState(false);
  const [expiry, setExpiry] = useState<Expiry>('never');
  const [created, setCreated] = useState<ShareDialog_LinkFragment | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [imageLinks, refetchImage] = useQuery({
    query: ShareDialog_Links,
    variables: { id: target.imageId ?? '' },
    requestPolicy: 'cache-and-network',
    pause: !target.imageId,
  });
  const [collectionLinks, refetchCollection] = useQuery({
    query: ShareDialog_CollectionLinks,
    variables: { id: target.collectionId ?? '' },
    requestPolicy: 'cache-and-network',
    pause: !target.collectionId,
  });
  const { error, fetching } = target.collectionId ? collectionLinks : imageLinks;
  const data = target.collectionId ? collectionLinks.data?.collection : imageLinks.data?.image;
  const refetch = target.collectionId ? refetchCollection : refetchImage;
  const [, createLink] = useMutation(ShareDialog_CreateShareLink);
  const hideHint = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setFormError(null);
    const result = await createLink({
      input: {
        ...(target.collectionId ? { collectionId: target.collectionId } : { imageId: target.imageId }),
        hideParams,
        expiresAt: expiresAtFor(expiry),
      },
    });
    setPending(false);
    const outcome = result.data?.createShareLink;
    if (result.error || !outcome) setFormError(requestFailedMessage(result.error));
    else if (outcome.__typename === 'ShareLink') setCreated(outcome);
    else if (outcome.__typename === 'InvalidInputError') {
      setFormError(
        outcome.issues.map((issue) => sentence(issue.message)).join(' ') || sentence(outcome.message),
      );
    } else setFormError(sentence(outcome.message));
  };

  const links = data?.shareLinks ?? [];
  const shownCreated =
    created && links.find((link) => link.id === created.id)?.active !== false ? created : null;

  return (
    <div className="share">
      <form className="share-form" onSubmit={(event) => void submit(event)}>
        <div className="share-options">
          <label className="check">
            <input
              type="checkbox"
              checked={hideParams}
              aria-describedby={hideHint}
              onChange={(event) => setHideParams(event.target.checked)}
            />
            <span>{what === 'image' ? 'Hide prompt and parameters' : 'Hide prompts and parameters'}</span>
          </label>
          <p id={hideHint} className="field-hint">
            {what === 'image'
              ? 'Viewers then see only the image, its size and date.'
              : 'Viewers then see only the images, their sizes and dates.'}
          </p>
          <SelectField
            label="Expires"
            className="share-expiry"
            value={expiry}
            options={EXPIRY_CHOICES}
            onChange={setExpiry}
          />
        </div>
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
        <div className="share-submit">
          <button type="submit" className="button button-primary" aria-busy={pending || undefined}>
            Create link
          </button>
        </div>
      </form>
      {shownCreated && (
        <CopyField
          className="share-created"
          label="Link"
          value={shareUrl(shownCreated)}
          copyLabel="Copy link"
          hint={`Anyone with this link can see the ${what}, without signing in, until it expires or you revoke it.`}
          autoFocus
        />
      )}
      <section className="share-links" aria-labelledby="share-links-title">
        <h3 id="share-links-title" className="share-links-title">
          Links to this {what}
        </h3>
        {error && !data ? (
          <InlineLoadError
            what="the links"
            message={requestFailedMessage(error)}
            onRetry={() => refetch({ requestPolicy: 'network-only' })}
          />
        ) : fetching && !data ? (
          <p className="muted">Loading links…</p>
        ) : links.length === 0 ? (
          <p className="muted">Not shared yet. Links you make appear here, so you can revoke them later.</p>
        ) : null}
        <ul className="link-list" aria-label="Share links" hidden={links.length === 0}>
          {links.map((link) => (
            <ShareLinkItem key={link.id} link={link} />
          ))}
        </ul>
      </section>
    </div>
  );
}

function ShareLinkItem({ link }: { link: ShareDialog_LinkFragment }) {
  const [{ fetching }, revoke] = useMutation(ShareDialog_RevokeShareLink);
  const toast = useToast();
  const url = shareUrl(link);
  const status = linkStatus(link);
  const statusId = useId();

  const onRevoke = async () => {
    const result = await revoke({ id: link.id });
    const outcome = result.data?.revokeShareLink;
    if (result.error || !outcome) {
      toast.show({
        tone: 'error',
        message: `Could not revoke the link. ${requestFailedMessage(result.error)}`,
      });
    } else if (outcome.__typename !== 'ShareLink') {
      toast.show({ tone: 'error', message: `Could not revoke the link: ${outcome.message}` });
    } else toast.show({ message: 'Link revoked: it no longer opens anything.' });
  };

  return (
    <li className={`link-item${link.active ? '' : ' link-item-inactive'}`}>
      <div className="link-main">
        {link.active ? (
          <a href={url} target="_blank" rel="noreferrer" className="link-url">
            {url}
          </a>
        ) : (
          <span className="link-url">{url}</span>
        )}
        <span id={statusId} className="link-meta">
          <span className={`link-status link-status-${link.active ? 'active' : 'inactive'}`}>{status}</span>
          {link.hideParams && <span> · prompt hidden</span>}
          <span> · made {formatDateTime(link.createdAt)}</span>
        </span>
      </div>
      {link.active && (
        <button
          type="button"
          className="button button-small button-danger-ghost"
          aria-describedby={statusId}
          disabled={fetching}
          onClick={() => void onRevoke()}
        >
          Revoke
        </button>
      )}
    </li>
  );
}
