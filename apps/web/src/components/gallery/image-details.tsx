import { graphql } from '../../gql';
import type { ImageDetails_ImageFragment } from '../../gql/graphql';
import { rewrittenPrompt } from '../../lib/provider-words';
import { formatDateTime } from '../../lib/time';
import { operationLabel } from './image-lineage';
import { editInstructionOf, paramFacts } from './params-block';
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

function madeBy(image: ImageDetails_ImageFragment): string {
  if (image.operation === 'GENERATE') return 'Generated from a prompt';
  const label = operationLabel(image, image.parent);
  const instruction = image.operation === 'EDIT' ? editInstructionOf(image.params) : null;
  return instruction ? `${label}: “${instruction}”` : label;
}

function rewrittenFact(image: ImageDetails_ImageFragment): [string, string][] {
  const rewritten = rewrittenPrompt(image.prompt, image.params);
  return rewritten ? [['Prompt as the provider rewrote it', rewritten]] : [];
}

/** Everything needed to make the image again, in the order people look for it. */
export function ImageFacts({ image }: { image: ImageDetails_ImageFragment }) {
  const facts: [string, string][] = [
    ...rewrittenFact(image),
    ['Negative prompt', image.negativePrompt || '—'],
    ['Style', image.style || 'None'],
    ['Seed', image.seed === null ? '—' : String(image.seed)],
    ['Size', `${image.width} × ${image.height} · ${formatBytes(image.bytes)} · ${image.mime}`],
    ['Provider', image.provider],
    ['Model', image.model],
    ['Made by', madeBy(image)],
    ...paramFacts(image.params),
    ['Created', formatDateTime(image.createdAt)],
  ];
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
