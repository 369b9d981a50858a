// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { accountFixture, sessionFixture } from '../lib/testing/fixtures';
import { renderApp } from '../lib/testing/render-app';

const ada = accountFixture();

function preset(id: string, name: string, starter: boolean) {
  return {
    __typename: 'StylePreset',
    id,
    name,
    description: '',
    starter,
    updatedAt: '2026-11-25T10:00:00.000Z',
    previewImage: null,
    settings: {
      __typename: 'StylePresetSettings',
      provider: 'local',
      model: null,
      width: 768,
      height: 512,
      aspectRatio: null,
      quality: null,
      steps: null,
      style: null,
      promptPrefix: 'a painting of',
      promptSuffix: null,
      negativePrompt: null,
    },
  };
}

function renderPresets(presets: ReturnType<typeof preset>[]) {
  renderApp(
    '/presets',
    {
      SessionRoot_Session: () => sessionFixture({ viewer: ada }),
      PresetsPage_Presets: () => ({
        stylePresets: {
          __typename: 'QueryStylePresetsConnection',
          edges: presets.map((node) => ({
            __typename: 'QueryStylePresetsConnectionEdge',
            cursor: node.id,
            node,
          })),
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        },
      }),
    },
    { owner: ada.id },
  );
}

describe('Presets page', () => {
  it('says why "Export JSON" is disabled while there are only starter presets', async () => {
    renderPresets([preset('s-1', 'Watercolour', true)]);
    await screen.findByText('Watercolour');
    const exportButton = screen.getByRole('button', { name: 'Export JSON' });
    expect(exportButton).toHaveProperty('disabled', true);
    expect(
      screen.getByRole('button', { name: 'Export JSON', description: /Export saves your own presets/ }),
    ).toBe(exportButton);
  });

  it('offers "Export JSON" once you have a preset of your own', async () => {
    renderPresets([preset('s-1', 'Watercolour', true), preset('p-1', 'Mine', false)]);
    await screen.findByText('Mine');
    expect(screen.getByRole('button', { name: 'Export JSON' })).toHaveProperty('disabled', false);
    expect(screen.queryByText(/Export saves your own presets/)).toBeNull();
  });
});
