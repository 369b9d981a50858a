import { graphql } from '../../gql';
import type { ImageDetails_ImageFragment } from '../../gql/graphql';
import { operationLabel } from './image-lineage';
import { ParamsBlock } from './params-block';
import './image-detail.css';

export const ImageDetails_Image = graphql(`
  fragment ImageDetails_Image on Image {
    id
    url
    mime
    bytes
    width
    height
    thumbhash
    prompt
    negativePrompt
    style
    seed
    provider
    model
    params
    operation
    createdAt
    starred
    tags
    thumbnails {
      size
      url
      width
      height
    }
    parent {
      ...ImageLineage_Relative
    }
    children {
      ...ImageLineage_Relative
    }
  }
`);

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Everything needed to make the image again, in the order people look for it. */
export function ImageFacts({ image }: { image: ImageDetails_ImageFragment }) {
  const facts: [string, string][] = [
    ['Negative prompt', image.negativePrompt || '—'],
    ['Style', image.style || 'None'],
    ['Seed', image.seed === null ? '—' : String(image.seed)],
    ['Size', `${image.width} × ${image.height} · ${formatBytes(image.bytes)} · ${image.mime}`],
    ['Provider', image.provider],
    ['Model', image.model],
    [
      'Made by',
      image.operation === 'GENERATE' ? 'Generated from a prompt' : operationLabel(image, image.parent),
    ],
    ['Created', dateFormat.format(new Date(image.createdAt))],
  ];
  return (
    <dl className="facts">
      {facts.map(([term, value]) => (
        <div key={term} className="fact">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      <div className="fact fact-wide">
        <dt>Parameters</dt>
        <dd>
          <ParamsBlock params={image.params} />
        </dd>
      </div>
    </dl>
  );
}
