// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ImageDetails_ImageFragment } from '../../gql/graphql';
import { imageDetailFixture } from '../../lib/testing/fixtures';
import { ImageFacts } from './image-details';

const factValue = (term: string) => screen.getByText(term).closest('div')!.querySelector('dd')!.textContent;

describe('ImageFacts', () => {
  it('lists the parameters in words, not as JSON', () => {
    const image = imageDetailFixture(1, { params: { steps: 30, quality: 'HIGH', width: 1024, height: 768 } });
    render(<ImageFacts image={image as unknown as ImageDetails_ImageFragment} />);
    expect(factValue('Steps')).toBe('30');
    expect(factValue('Quality')).toBe('High');
    expect(screen.queryByText(/"steps"/)).toBeNull();
  });

  it('says with which instruction an edited image was made', () => {
    const image = imageDetailFixture(2, {
      prompt: 'a lighthouse on a cliff',
      operation: 'EDIT',
      params: { editInstruction: 'a red moon' },
      parent: { __typename: 'Image', id: 'img-1', width: 1024 },
    });
    render(<ImageFacts image={image as unknown as ImageDetails_ImageFragment} />);
    expect(factValue('Made by')).toBe('Edited: “a red moon”');
    expect(screen.queryByText('Edit instruction')).toBeNull();
  });
});
