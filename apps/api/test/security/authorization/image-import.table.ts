import { expect } from 'vitest';
import { fetchFile } from '../support/http';
import { png } from '../support/images';
import { edgeIds, isNull, notFound, type Row, typedError } from '../support/authorization';
import { url, w } from '../support/world';

/**
 * The rows of schema/modules/image.ts and import.ts, and the Relay fields node and nodes. They run
 * in images-and-jobs.spec.ts.
 */
export const imageImportRows: Row[] = [
  {
    type: 'query',
    field: 'image',
    needs: 'read',
    attempts: [
      {
        what: "A's image",
        query: 'query($id: ID!) { image(id: $id) { id prompt url shareLinks { token } } }',
        variables: () => ({ id: w.image.id }),
        asB: isNull('image'),
      },
      {
        what: "A's variation",
        query: 'query($id: ID!) { image(id: $id) { id prompt parent { id } } }',
        variables: () => ({ id: w.child.id }),
        asB: isNull('image'),
      },
    ],
  },
  {
    type: 'query',
    field: 'images',
    needs: 'read',
    attempts: [
      {
        what: "the gallery (none of A's images)",
        query: '{ images(first: 20) { edges { cursor node { id prompt url } } } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          const ids = edgeIds(answer.data.images);
          expect(ids).toContain(w.bImage.id);
          expect(ids).not.toContain(w.image.id);
          expect(ids).not.toContain(w.child.id);
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'node',
    needs: 'read',
    attempts: [
      {
        what: "A's image, with its share links",
        query:
          'query($id: ID!) { node(id: $id) { id ... on Image { prompt url shareLinks { token } } ... on Job { status } } }',
        variables: () => ({ id: w.image.id }),
        asB: isNull('node'),
      },
      {
        what: "A's job",
        query: 'query($id: ID!) { node(id: $id) { id ... on Job { status input { prompt } } } }',
        variables: () => ({ id: w.job }),
        asB: isNull('node'),
      },
      {
        what: "A's template",
        query: 'query($id: ID!) { node(id: $id) { id ... on PromptTemplate { name latest { body } } } }',
        variables: () => ({ id: w.template }),
        asB: isNull('node'),
      },
      {
        what: "A's style preset",
        query: 'query($id: ID!) { node(id: $id) { id ... on StylePreset { name previewImage { url } } } }',
        variables: () => ({ id: w.preset }),
        asB: isNull('node'),
      },
    ],
  },
  {
    type: 'query',
    field: 'nodes',
    needs: 'read',
    attempts: [
      {
        what: "A's image, variation and jobs (among one of B's own)",
        query:
          'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Image { prompt } ... on Job { status } } }',
        variables: () => ({ ids: [w.image.id, w.child.id, w.job, w.pending, w.bImage.id] }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.nodes).toEqual([
            null,
            null,
            null,
            null,
            { id: w.bImage.id, prompt: 'a red barn in a wheat field' },
          ]);
        },
      },
    ],
  },
  {
    type: 'mutation',
    field: 'deleteImage',
    needs: 'generate',
    attempts: [
      {
        what: "A's image",
        query:
          'mutation($id: ID!) { deleteImage(id: $id) { __typename ... on DeleteImagePayload { deletedImageId } ... on Error { code message } } }',
        variables: () => ({ id: w.image.id }),
        asB: async (answer) => {
          notFound('deleteImage')(answer);
          expect((await fetchFile(url, w.image.url, { cookie: w.a.client.cookie })).status).toBe(200);
        },
      },
      {
        what: "A's variation",
        query: 'mutation($id: ID!) { deleteImage(id: $id) { __typename ... on Error { code message } } }',
        variables: () => ({ id: w.child.id }),
        asB: notFound('deleteImage'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'importImage',
    needs: 'generate',
    attempts: [
      {
        what: "an upload of B's own (not in A's gallery)",
        query:
          'mutation($file: File!) { importImage(file: $file) { __typename ... on Image { id mime } ... on Error { code message } } }',
        variables: () => ({ file: null }),
        files: async () => ({
          'variables.file': { bytes: await png(48, 48, '#aa3311'), name: 'mine.png', type: 'image/png' },
        }),
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.importImage).toMatchObject({ __typename: 'Image', mime: 'image/png' });
        },
        makesOwn: true,
      },
    ],
  },
  {
    type: 'mutation',
    field: 'importImageFromUrl',
    needs: 'generate',
    attempts: [
      {
        what: "A's file, through this server's own address",
        query:
          'mutation($url: String!) { importImageFromUrl(url: $url) { __typename ... on Image { id } ... on Error { code message } ... on InvalidInputError { issues { field } } } }',
        variables: () => ({ url: `${url}${w.image.url}` }),
        asB: typedError('importImageFromUrl', 'InvalidInputError', 'INVALID_INPUT', 'url'),
      },
    ],
  },
];
