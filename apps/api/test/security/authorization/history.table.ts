import { expect } from 'vitest';
import { fetchFile, gql, must } from '../support/http';
import { edgeIds, notFound, type Row } from '../support/authorization';
import { importOfA, url, w } from '../support/world';

/**
 * The rows of schema/modules/history.ts: the gallery's starring and tagging, the trash, and the
 * image subscriptions. They run in images-and-jobs.spec.ts.
 */
export const historyRows: Row[] = [
  {
    type: 'query',
    field: 'trash',
    needs: 'read',
    attempts: [
      {
        what: "the trash (none of A's trashed images)",
        query: '{ trash(first: 20) { edges { node { id prompt url purgeAt } } } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(edgeIds(answer.data.trash)).toEqual([]);
        },
      },
    ],
  },
  {
    type: 'mutation',
    field: 'setImageStarred',
    needs: 'generate',
    attempts: [
      {
        what: "A's image",
        query:
          'mutation($id: ID!) { setImageStarred(id: $id, starred: true) { __typename ... on Image { starred } ... on Error { code message } } }',
        variables: () => ({ id: w.image.id }),
        asB: notFound('setImageStarred'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'setImageTags',
    needs: 'generate',
    attempts: [
      {
        what: "A's image",
        query:
          'mutation($id: ID!) { setImageTags(id: $id, tags: ["b-was-here"]) { __typename ... on Image { tags } ... on Error { code message } } }',
        variables: () => ({ id: w.image.id }),
        asB: notFound('setImageTags'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'tagImages',
    needs: 'generate',
    attempts: [
      {
        what: "A's image together with B's own",
        query:
          'mutation($ids: [ID!]!) { tagImages(ids: $ids, add: ["b-was-here"]) { __typename ... on ImagesPayload { images { id tags } } ... on Error { code message } } }',
        variables: () => ({ ids: [w.bImage.id, w.image.id] }),
        asB: notFound('tagImages'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'deleteImages',
    needs: 'generate',
    attempts: [
      {
        what: "A's image and variation",
        query:
          'mutation($ids: [ID!]!) { deleteImages(ids: $ids) { __typename ... on DeletedImagesPayload { deletedImageIds } ... on Error { code message } } }',
        variables: () => ({ ids: [w.image.id, w.child.id] }),
        asB: notFound('deleteImages'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'restoreImages',
    needs: 'generate',
    attempts: [
      {
        what: "A's image",
        query:
          'mutation($ids: [ID!]!) { restoreImages(ids: $ids) { __typename ... on ImagesPayload { images { id } } ... on Error { code message } } }',
        variables: () => ({ ids: [w.image.id] }),
        asB: notFound('restoreImages'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'deleteImagesForever',
    needs: 'generate',
    attempts: [
      {
        what: "A's image",
        query:
          'mutation($ids: [ID!]!) { deleteImagesForever(ids: $ids) { __typename ... on DeletedImagesPayload { deletedImageIds } ... on Error { code message } } }',
        variables: () => ({ ids: [w.image.id] }),
        asB: async (answer) => {
          notFound('deleteImagesForever')(answer);
          expect((await fetchFile(url, w.image.url, { cookie: w.a.client.cookie })).status).toBe(200);
        },
      },
    ],
  },
  {
    type: 'mutation',
    field: 'emptyTrash',
    needs: 'generate',
    attempts: [
      {
        what: "B's own (empty) trash, never A's",
        query: 'mutation { emptyTrash { deletedCount } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.emptyTrash).toEqual({ deletedCount: 0 });
        },
      },
    ],
  },
  {
    type: 'subscription',
    field: 'imageAdded',
    needs: 'read',
    attempts: [
      {
        what: 'images A imports while B listens',
        query: 'subscription { imageAdded { id prompt url } }',
        quietMs: 1_500,
        whileOpen: async () => {
          const outcome = await gql(
            w.a.client,
            'mutation($id: ID!) { deleteImagesForever(ids: [$id]) { __typename } }',
            // A's own import, made and deleted again: A's world ends as it was.
            { id: await importOfA() },
          );
          must(outcome.data?.deleteImagesForever, outcome);
        },
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.results ?? []).toEqual([]);
        },
      },
    ],
  },
  {
    type: 'subscription',
    field: 'imageUpdated',
    needs: 'read',
    attempts: [
      {
        what: "A starring and unstarring A's image while B listens",
        query: 'subscription { imageUpdated { id prompt starred } }',
        quietMs: 1_500,
        whileOpen: async () => {
          for (const starred of [true, false]) {
            const outcome = await gql(
              w.a.client,
              'mutation($id: ID!, $starred: Boolean!) { setImageStarred(id: $id, starred: $starred) { __typename } }',
              { id: w.image.id, starred },
            );
            expect(outcome.data?.setImageStarred).toEqual({ __typename: 'Image' });
          }
        },
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.results ?? []).toEqual([]);
        },
      },
    ],
  },
];
