import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { PublicHeader } from '../components/layout/auth-layout';
import { ImageStage } from '../components/gallery/image-stage';
import { formatDateTime, timeUntil } from '../lib/time';
import { SHARED_COLLECTION_PAGE, SharedCollectionView } from '../components/share/shared-collection';
import { EmptyState, ErrorState, LoadingState } from '../components/ui/view-state';
import { DownloadIcon } from '../components/ui/icons';
import { fileDownloadHref } from '../lib/downloads';
import { graphql } from '../gql';
import type { SharedImagePage_SharedImageQuery } from '../gql/graphql';
import { paramFacts } from '../components/gallery/params-block';
import '../components/gallery/image-detail.css';
import './shared-image.css';

export const SharedImagePage_SharedImage = graphql(`
  query SharedImagePage_SharedImage($token: String!, $first: Int!) {
    sharedImage(token: $token) {
      url
      width
      height
      thumbhash
      thumbnails {
        size
        url
        width
        height
      }
      createdAt
      expiresAt
      paramsHidden
      prompt
      negativePrompt
      style
      seed
      provider
      model
      params
    }
    sharedCollection(token: $token) {
      name
      description
      paramsHidden
      expiresAt
      images(first: $first) {
        edges {
          node {
            ...SharedCollection_Image
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

type SharedImage = NonNullable<SharedImagePage_SharedImageQuery['sharedImage']>;

function SharedFacts({ image }: { image: SharedImage }) {
  const facts: [string, string][] = [
    ['Size', `${image.width} × ${image.height}`],
    ['Created', formatDateTime(image.createdAt)],
  ];
  if (!image.paramsHidden) {
    facts.unshift(
      ['Negative prompt', image.negativePrompt || '—'],
      ['Style', image.style || 'None'],
      ['Seed', image.seed == null ? '—' : String(image.seed)],
      ['Provider', image.provider ?? '—'],
      ['Model', image.model ?? '—'],
      ...paramFacts(image.params),
    );
  }
  return (
    <dl className="facts">
      {facts.map(([term, value]) => (
        <div key={term} className="fact">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A public, read-only page for one image behind a share link: no sign-in, no studio around it.
 * The file URLs carry the link's token, so they load for anyone holding the link.
 */
export default function SharedImagePage() {
  const { token = '' } = useParams();
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: SharedImagePage_SharedImage,
    variables: { token, first: SHARED_COLLECTION_PAGE },
    requestPolicy: 'network-only',
  });
  const image = data?.sharedImage;
  const collection = data?.sharedCollection;

  let body;
  if (collection) {
    body = <SharedCollectionView token={token} collection={collection} />;
  } else if (image) {
    const expires = image.expiresAt ? new Date(image.expiresAt) : null;
    body = (
      <div className="shared">
        <div className="shared-stage">
          <ImageStage image={image} alt={image.prompt ?? 'Shared image'} />
        </div>
        <aside className="shared-panel" aria-labelledby="shared-title">
          <h1 id="shared-title" className="shared-title">
            Shared image
          </h1>
          {image.paramsHidden ? (
            <p className="muted shared-hidden">The owner hid the prompt and parameters.</p>
          ) : (
            <p className="shared-prompt">{image.prompt}</p>
          )}
          <div className="detail-actions">
            <a className="button" href={fileDownloadHref(image.url)} download>
              <DownloadIcon />
              <span>Download original</span>
            </a>
          </div>
          <SharedFacts image={image} />
          {expires && (
            <p className="muted shared-expiry">
              This link stops working on {formatDateTime(expires)} ({timeUntil(expires)}).
            </p>
          )}
        </aside>
      </div>
    );
  } else if (error && !data) {
    body = (
      <div className="page">
        <ErrorState
          what="the shared image"
          error={error}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      </div>
    );
  } else if (fetching || !data) {
    body = <LoadingState label="Loading image…" spinner className="page detail-loading" />;
  } else {
    body = (
      <EmptyState
        title="This link no longer works"
        level={1}
        className="page page-narrow"
        action={
          <Link to="/" className="button">
            Go to Atelier
          </Link>
        }
      >
        It may have expired, or its owner stopped sharing. Ask them for a new link.
      </EmptyState>
    );
  }

  return (
    <div className="public-page">
      <PublicHeader />
      <main id="main" className="shared-main">
        {body}
      </main>
    </div>
  );
}
