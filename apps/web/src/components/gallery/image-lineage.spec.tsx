// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { ImageLineage_RelativeFragment } from '../../gql/graphql';
import { imageFixture } from '../../lib/testing/fixtures';
import { ImageLineage, madeFromText, operationLabel } from './image-lineage';

const relative = (n: number, overrides: Record<string, unknown> = {}) =>
  imageFixture(n, overrides) as unknown as ImageLineage_RelativeFragment;

describe('ImageLineage', () => {
  it('links the parent with how this image was made from it, and each child', () => {
    render(
      <MemoryRouter>
        <ImageLineage
          image={{
            width: 2048,
            operation: 'ENHANCE',
            params: { scale: 2 },
            parent: relative(1, { prompt: 'a lighthouse' }),
            children: [
              relative(3, { prompt: 'a lighthouse, restyled', operation: 'RESTYLE' }),
              relative(4, { prompt: 'bigger', operation: 'ENHANCE', width: 8192 }),
            ],
          }}
        />
      </MemoryRouter>,
    );
    const parent = screen.getByRole('region', { name: 'Made from' });
    expect(within(parent).getByRole('link', { name: 'a lighthouse' }).getAttribute('href')).toBe(
      '/images/img-1',
    );
    expect(parent.textContent).toContain('Enhanced ×2 from');
    const children = screen.getByRole('region', { name: 'Made from this' });
    expect(
      within(children)
        .getAllByRole('link')
        .map((link) => link.getAttribute('aria-label')),
    ).toEqual(['a lighthouse, restyled', 'bigger']);
    expect(children.textContent).toContain('Enhanced ×4');
  });

  it('teaches what makes children when there are none, and has no parent section for a generated image', () => {
    render(
      <MemoryRouter>
        <ImageLineage image={{ width: 512, operation: 'GENERATE', params: {}, parent: null, children: [] }} />
      </MemoryRouter>,
    );
    expect(screen.queryByRole('heading', { name: 'Made from' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Made from this' })).toBeTruthy();
    expect(screen.getByText(/Variations, Enhance, Restyle and Edit/)).toBeTruthy();
  });

  it('words each operation', () => {
    const made = (operation: string, width = 1024) => ({ operation, width, params: {} }) as never;
    expect(madeFromText(made('VARIATION'), { width: 1024 })).toBe('Variation of');
    expect(madeFromText(made('ENHANCE', 4096), { width: 1024 })).toBe('Enhanced ×4 from');
    expect(operationLabel(made('EDIT'))).toBe('Edited');
    expect(operationLabel(made('RESTYLE'))).toBe('Restyled');
  });
});
