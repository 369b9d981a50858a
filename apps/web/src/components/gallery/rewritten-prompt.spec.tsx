// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ImageDetails_ImageFragment } from '../../gql/graphql';
import { imageDetailFixture } from '../../lib/testing/fixtures';
import { ImageFacts } from './image-details';

const factValue = (term: string) => screen.getByText(term).closest('div')!.querySelector('dd')!.textContent;

describe('the prompt a provider rewrote', () => {
  it('is shown beside the prompt that was sent, once', () => {
    const image = imageDetailFixture(1, {
      prompt: 'a lighthouse',
      provider: 'ideogram',
      params: {
        magicPrompt: 'ON',
        prompt: 'A weathered lighthouse on a basalt cliff at dusk, beam cutting through sea mist',
        promptRewritten: true,
      },
    });
    render(<ImageFacts image={image as unknown as ImageDetails_ImageFragment} />);
    expect(factValue('Prompt as the provider rewrote it')).toBe(
      'A weathered lighthouse on a basalt cliff at dusk, beam cutting through sea mist',
    );
    expect(screen.getAllByText(/beam cutting through sea mist/)).toHaveLength(1);
  });

  it('is not shown when the provider used the prompt as sent', () => {
    const image = imageDetailFixture(2, { prompt: 'a lighthouse', params: { prompt: 'a lighthouse' } });
    render(<ImageFacts image={image as unknown as ImageDetails_ImageFragment} />);
    expect(screen.queryByText('Prompt as the provider rewrote it')).toBeNull();
  });
});
