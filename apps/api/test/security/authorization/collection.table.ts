import { expect } from 'vitest';
import { gql, must } from '../support/http';
import { edgeIds, isNull, noSuchImage, notFound, type Row } from '../support/authorization';
import { secret, w } from '../support/world';

/**
 * The rows of schema/modules/collection.ts and library-events.ts (libraryChanged). They run in
 * accounts-and-collections.spec.ts.
 */
export const collectionRows: Row[] = [
  {
    type: 'query',
    field: 'collections',
    needs: 'read',
    attempts: [
      {
        what: "the collection list (none of A's)",
        query: '{ collections(first: 50) { edges { node { id name } } } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(edgeIds(answer.data.collections)).not.toContain(w.collection);
        },
      },
    ],
  },
  {
    type: 'query',
    field: 'collection',
    needs: 'read',
    attempts: [
      {
        what: "A's collection",
        query:
          'query($id: ID!) { collection(id: $id) { id name images(first: 5) { edges { node { id } } } } }',
        variables: () => ({ id: w.collection }),
        asB: isNull('collection'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'createCollection',
    needs: 'generate',
    attempts: [
      {
        what: 'a collection of their own',
        query:
          'mutation($input: CreateCollectionInput!) { createCollection(input: $input) { __typename ... on Collection { id imageCount } } }',
        variables: () => ({ input: { name: 'Mine' } }),
        makesOwn: true,
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.createCollection).toMatchObject({ __typename: 'Collection', imageCount: 0 });
        },
      },
    ],
  },
  {
    type: 'mutation',
    field: 'updateCollection',
    needs: 'generate',
    attempts: [
      {
        what: "A's collection",
        query:
          'mutation($input: UpdateCollectionInput!) { updateCollection(input: $input) { __typename ... on Error { code message } } }',
        variables: () => ({ input: { id: w.collection, name: 'Taken' } }),
        asB: notFound('updateCollection'),
      },
      {
        what: "A's image as the cover of B's collection",
        query:
          'mutation($input: UpdateCollectionInput!) { updateCollection(input: $input) { __typename ... on Error { code message } ... on InvalidInputError { issues { field } } } }',
        variables: () => ({ input: { id: w.bCollection, coverImageId: w.image.id } }),
        asB: noSuchImage('updateCollection', 'input.coverImageId'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'deleteCollection',
    needs: 'generate',
    attempts: [
      {
        what: "A's collection",
        query:
          'mutation($id: ID!) { deleteCollection(id: $id) { __typename ... on Error { code message } } }',
        variables: () => ({ id: w.collection }),
        asB: notFound('deleteCollection'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'addImagesToCollection',
    needs: 'generate',
    attempts: [
      {
        what: "A's collection",
        query:
          'mutation($id: ID!, $ids: [ID!]!) { addImagesToCollection(id: $id, imageIds: $ids) { __typename ... on Error { code message } } }',
        variables: () => ({ id: w.collection, ids: [w.bImage.id] }),
        asB: notFound('addImagesToCollection'),
      },
      {
        what: "A's image into B's collection",
        query:
          'mutation($id: ID!, $ids: [ID!]!) { addImagesToCollection(id: $id, imageIds: $ids) { __typename ... on Error { code message } ... on InvalidInputError { issues { field } } } }',
        variables: () => ({ id: w.bCollection, ids: [w.image.id] }),
        asB: noSuchImage('addImagesToCollection', 'imageIds'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'removeImagesFromCollection',
    needs: 'generate',
    attempts: [
      {
        what: "A's collection",
        query:
          'mutation($id: ID!, $ids: [ID!]!) { removeImagesFromCollection(id: $id, imageIds: $ids) { __typename ... on Error { code message } } }',
        variables: () => ({ id: w.collection, ids: [w.image.id] }),
        asB: notFound('removeImagesFromCollection'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'moveCollectionImage',
    needs: 'generate',
    attempts: [
      {
        what: "A's collection",
        query:
          'mutation($id: ID!, $image: ID!) { moveCollectionImage(id: $id, imageId: $image) { __typename ... on Error { code message } } }',
        variables: () => ({ id: w.collection, image: w.image.id }),
        asB: notFound('moveCollectionImage'),
      },
    ],
  },
  {
    type: 'subscription',
    field: 'libraryChanged',
    needs: 'read',
    attempts: [
      {
        what: 'A renaming a collection of A’s while B listens',
        query: 'subscription { libraryChanged { kind id removed } }',
        quietMs: 1_500,
        whileOpen: async () => {
          // Renamed and renamed back: A's world ends as it was.
          for (const name of ['renamed while B listens', `${secret} harbours`]) {
            const outcome = await gql(
              w.a.client,
              'mutation($input: UpdateCollectionInput!) { updateCollection(input: $input) { __typename } }',
              { input: { id: w.collection, name } },
            );
            must(outcome.data?.updateCollection, outcome);
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
