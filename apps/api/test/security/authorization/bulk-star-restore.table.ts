import { expect } from 'vitest';
import { notFound, type Row } from '../support/authorization';
import { w } from '../support/world';

/** The rows of setImagesStarred and restoreTrash (schema/modules/gallery.ts); they run in images-and-jobs.spec.ts. */
export const bulkStarRestoreRows: Row[] = [
  {
    type: 'mutation',
    field: 'setImagesStarred',
    needs: 'generate',
    attempts: [
      {
        what: "A's image together with B's own",
        query:
          'mutation($ids: [ID!]!) { setImagesStarred(ids: $ids, starred: true) { __typename ... on ImagesPayload { images { id starred } } ... on Error { code message } } }',
        variables: () => ({ ids: [w.bImage.id, w.image.id] }),
        asB: notFound('setImagesStarred'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'restoreTrash',
    needs: 'generate',
    attempts: [
      {
        what: "B's own (empty) trash, never A's",
        query: 'mutation { restoreTrash { images { id } } }',
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.restoreTrash).toEqual({ images: [] });
        },
      },
    ],
  },
];
