import { expect } from 'vitest';
import { edgeIds, isNull, noSuchImage, notFound, type Row } from '../support/authorization';
import { w } from '../support/world';

/**
 * The rows of schema/modules/prompt.ts, template.ts and preset.ts: saved prompts, prompt history,
 * templates and style presets. They run in accounts-and-collections.spec.ts.
 */
export const promptTemplatePresetRows: Row[] = [
  {
    type: 'query',
    field: 'savedPrompts',
    needs: 'read',
    attempts: [
      {
        what: "the library (none of A's saved prompts)",
        query: '{ savedPrompts(first: 50) { edges { node { id title prompt notes } } } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(edgeIds(answer.data.savedPrompts)).not.toContain(w.savedPrompt);
        },
      },
      {
        what: "a search for the words of A's saved prompt",
        query:
          'query($search: String) { savedPrompts(first: 50, search: $search) { edges { node { id title } } } }',
        variables: () => ({ search: 'lighthouse' }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(edgeIds(answer.data.savedPrompts)).toEqual([]);
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'promptHistory',
    needs: 'read',
    attempts: [
      {
        what: "the history (none of A's prompts)",
        query: '{ promptHistory(first: 50) { edges { node { id prompt negativePrompt uses } } } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(edgeIds(answer.data.promptHistory)).not.toContain(w.historyEntry);
        },
      },
      {
        what: "a search for the words of A's prompt",
        query:
          'query($search: String) { promptHistory(first: 50, search: $search) { edges { node { id prompt } } } }',
        variables: () => ({ search: 'lighthouse' }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(edgeIds(answer.data.promptHistory)).toEqual([]);
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'templates',
    needs: 'read',
    attempts: [
      {
        what: "the template list (none of A's)",
        query: '{ templates(first: 50) { edges { node { id name latest { body } } } } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(edgeIds(answer.data.templates)).not.toContain(w.template);
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'template',
    needs: 'read',
    attempts: [
      {
        what: "A's template",
        query: 'query($id: ID!) { template(id: $id) { id name versions { body } } }',
        variables: () => ({ id: w.template }),
        asB: isNull('template'),
      },
    ],
  },
  {
    type: 'query',
    field: 'previewTemplate',
    needs: 'read',
    attempts: [
      {
        what: "a body of B's own (it saves nothing)",
        query:
          'query($body: String!, $variables: [TemplateVariableInput!]!, $values: [TemplateValueInput!]) { previewTemplate(body: $body, variables: $variables, values: $values) { __typename ... on TemplatePreview { prompt } ... on Error { code message } } }',
        variables: () => ({
          body: 'a {thing} by the sea',
          variables: [{ name: 'thing', type: 'TEXT' }],
          values: [{ name: 'thing', value: 'kite' }],
        }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.previewTemplate).toEqual({
            __typename: 'TemplatePreview',
            prompt: 'a kite by the sea',
          });
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'stylePresets',
    needs: 'read',
    attempts: [
      {
        what: "the preset list (starters and B's own, none of A's)",
        query: '{ stylePresets(first: 50) { edges { node { id name starter previewImage { id url } } } } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          const ids = edgeIds(answer.data.stylePresets);
          expect(ids).toContain(w.bPreset);
          expect(ids).not.toContain(w.preset);
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'stylePreset',
    needs: 'read',
    attempts: [
      {
        what: "A's preset",
        query:
          'query($id: ID!) { stylePreset(id: $id) { id name settings { promptPrefix } previewImage { id url } } }',
        variables: () => ({ id: w.preset }),
        asB: isNull('stylePreset'),
      },
    ],
  },
  {
    type: 'query',
    field: 'exportStylePresets',
    needs: 'read',
    attempts: [
      {
        what: "A's preset (among B's own)",
        query: 'query($ids: [ID!]) { exportStylePresets(ids: $ids) { json } }',
        variables: () => ({ ids: [w.preset, w.bPreset] }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          const exported = JSON.parse(answer.data.exportStylePresets.json) as { presets: { name: string }[] };
          expect(exported.presets.map((preset) => preset.name)).toEqual(['B style']);
        },
      },
      {
        what: "all of B's own (none of A's)",
        query: '{ exportStylePresets { json } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          const exported = JSON.parse(answer.data.exportStylePresets.json) as { presets: { name: string }[] };
          expect(exported.presets.map((preset) => preset.name)).toContain('B style');
        },
      },
    ],
  },
  {
    type: 'mutation',
    field: 'savePrompt',
    needs: 'generate',
    attempts: [
      {
        what: "a saved prompt of B's own (not in A's library)",
        query:
          'mutation($input: SavePromptInput!) { savePrompt(input: $input) { __typename ... on SavedPrompt { id title } ... on Error { code message } } }',
        variables: () => ({ input: { title: 'B keeps this', prompt: 'a windmill at noon' } }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.savePrompt).toMatchObject({ __typename: 'SavedPrompt', title: 'B keeps this' });
        },
        makesOwn: true,
      },
    ],
  },
  {
    type: 'mutation',
    field: 'updateSavedPrompt',
    needs: 'generate',
    attempts: [
      {
        what: "A's saved prompt",
        query:
          'mutation($input: UpdateSavedPromptInput!) { updateSavedPrompt(input: $input) { __typename ... on SavedPrompt { id prompt notes } ... on Error { code message } } }',
        variables: () => ({ input: { id: w.savedPrompt, title: 'Taken', notes: 'B was here' } }),
        asB: notFound('updateSavedPrompt'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'deleteSavedPrompt',
    needs: 'generate',
    attempts: [
      {
        what: "A's saved prompt",
        query:
          'mutation($id: ID!) { deleteSavedPrompt(id: $id) { __typename ... on DeletedLibraryItem { deletedId } ... on Error { code message } } }',
        variables: () => ({ id: w.savedPrompt }),
        asB: notFound('deleteSavedPrompt'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'deletePromptHistoryEntry',
    needs: 'generate',
    attempts: [
      {
        what: "A's history entry",
        query:
          'mutation($id: ID!) { deletePromptHistoryEntry(id: $id) { __typename ... on DeletedLibraryItem { deletedId } ... on Error { code message } } }',
        variables: () => ({ id: w.historyEntry }),
        asB: notFound('deletePromptHistoryEntry'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'clearPromptHistory',
    needs: 'generate',
    attempts: [
      {
        what: "B's own history (A's stays)",
        query: 'mutation { clearPromptHistory { __typename deletedCount } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.clearPromptHistory.__typename).toBe('ClearedPromptHistory');
        },
        // It empties B's own history: A's is compared, and must be whole.
        makesOwn: true,
      },
    ],
  },
  {
    type: 'mutation',
    field: 'createTemplate',
    needs: 'generate',
    attempts: [
      {
        what: "a template of B's own (not in A's list)",
        query:
          'mutation($input: CreateTemplateInput!) { createTemplate(input: $input) { __typename ... on PromptTemplate { id latestVersion } ... on Error { code message } } }',
        variables: () => ({
          input: {
            name: 'B template',
            body: 'a {thing} in snow',
            variables: [{ name: 'thing', type: 'TEXT' }],
          },
        }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.createTemplate).toMatchObject({
            __typename: 'PromptTemplate',
            latestVersion: 1,
          });
        },
        makesOwn: true,
      },
    ],
  },
  {
    type: 'mutation',
    field: 'updateTemplate',
    needs: 'generate',
    attempts: [
      {
        what: "A's template (a new name)",
        query:
          'mutation($input: UpdateTemplateInput!) { updateTemplate(input: $input) { __typename ... on PromptTemplate { id name } ... on Error { code message } } }',
        variables: () => ({ input: { id: w.template, name: 'Taken' } }),
        asB: notFound('updateTemplate'),
      },
      {
        what: "A's template (a new version)",
        query:
          'mutation($input: UpdateTemplateInput!) { updateTemplate(input: $input) { __typename ... on PromptTemplate { id latest { body } } ... on Error { code message } } }',
        variables: () => ({ input: { id: w.template, body: 'a {thing} B wrote' } }),
        asB: notFound('updateTemplate'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'deleteTemplate',
    needs: 'generate',
    attempts: [
      {
        what: "A's template",
        query:
          'mutation($id: ID!) { deleteTemplate(id: $id) { __typename ... on DeletedTemplate { deletedId } ... on Error { code message } } }',
        variables: () => ({ id: w.template }),
        asB: notFound('deleteTemplate'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'createStylePreset',
    needs: 'generate',
    attempts: [
      {
        what: "A's image as the preview of B's new preset",
        query:
          'mutation($input: CreateStylePresetInput!) { createStylePreset(input: $input) { __typename ... on StylePreset { id previewImage { id url } } ... on Error { code message } ... on InvalidInputError { issues { field } } } }',
        variables: () => ({ input: { name: 'B borrows', settings: {}, previewImageId: w.image.id } }),
        asB: noSuchImage('createStylePreset', 'input.previewImageId'),
      },
      {
        what: "a preset of B's own (not in A's list)",
        query:
          'mutation($input: CreateStylePresetInput!) { createStylePreset(input: $input) { __typename ... on StylePreset { id starter } ... on Error { code message } } }',
        variables: () => ({ input: { name: 'B bright', settings: { provider: 'local' } } }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.createStylePreset).toMatchObject({ __typename: 'StylePreset', starter: false });
        },
        makesOwn: true,
      },
    ],
  },
  {
    type: 'mutation',
    field: 'updateStylePreset',
    needs: 'generate',
    attempts: [
      {
        what: "A's preset",
        query:
          'mutation($input: UpdateStylePresetInput!) { updateStylePreset(input: $input) { __typename ... on StylePreset { id settings { promptPrefix } } ... on Error { code message } } }',
        variables: () => ({ input: { id: w.preset, name: 'Taken', clearPreview: true } }),
        asB: notFound('updateStylePreset'),
      },
      {
        what: "A's image as the preview of B's preset",
        query:
          'mutation($input: UpdateStylePresetInput!) { updateStylePreset(input: $input) { __typename ... on StylePreset { id previewImage { id url } } ... on Error { code message } ... on InvalidInputError { issues { field } } } }',
        variables: () => ({ input: { id: w.bPreset, previewImageId: w.image.id } }),
        asB: noSuchImage('updateStylePreset', 'input.previewImageId'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'deleteStylePreset',
    needs: 'generate',
    attempts: [
      {
        what: "A's preset",
        query:
          'mutation($id: ID!) { deleteStylePreset(id: $id) { __typename ... on DeletedStylePreset { deletedId } ... on Error { code message } } }',
        variables: () => ({ id: w.preset }),
        asB: notFound('deleteStylePreset'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'duplicateStylePreset',
    needs: 'generate',
    attempts: [
      {
        what: "A's preset (with A's image as its preview)",
        query:
          'mutation($id: ID!) { duplicateStylePreset(id: $id) { __typename ... on StylePreset { id name settings { promptPrefix } previewImage { id url } } ... on Error { code message } } }',
        variables: () => ({ id: w.preset }),
        asB: notFound('duplicateStylePreset'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'importStylePresets',
    needs: 'generate',
    attempts: [
      {
        what: "a document of B's own (presets of B's, not A's)",
        query:
          'mutation($json: String!) { importStylePresets(json: $json) { __typename ... on ImportedStylePresets { presets { id name starter } } ... on Error { code message } } }',
        variables: () => ({
          json: JSON.stringify({
            format: 'atelier.style-presets',
            version: 1,
            presets: [{ name: 'B imported', settings: { provider: 'local' } }],
          }),
        }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.importStylePresets.presets).toEqual([
            { id: expect.any(String), name: 'B imported', starter: false },
          ]);
        },
        makesOwn: true,
      },
    ],
  },
];
