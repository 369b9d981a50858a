import { expect } from 'vitest';
import { refusedWith, type Row } from '../support/authorization';
import { A_PROMPT } from '../support/world';

const PERSON = `{ insights(range: { preset: LAST_7_DAYS }) {
  scope volume { provider jobs images } costSummary { totalUsd } costByPerson { userId } keepRate { key images } topPrompts { prompt }
} }`;

/** The row of schema/modules/insights.ts. It runs in accounts-and-collections.spec.ts. */
export const insightsRows: Row[] = [
  {
    type: 'query',
    field: 'insights',
    needs: 'read',
    attempts: [
      {
        what: "B's own numbers (none of A's jobs and images)",
        query: PERSON,
        asB: (answer) => {
          expect(answer.errors ?? []).toEqual([]);
          expect(answer.data.insights.scope).toBe('PERSON');
          expect(answer.data.insights.costByPerson).toEqual([]);
          // Only B's own picture: its prompt, one job, one image.
          expect(answer.data.insights.topPrompts).toEqual([{ prompt: 'a red barn in a wheat field' }]);
          expect(answer.data.insights.volume).toEqual([
            expect.objectContaining({ provider: 'local', jobs: 1, images: 1 }),
          ]);
          expect(JSON.stringify(answer.data)).not.toContain(A_PROMPT);
        },
      },
      {
        what: 'the whole instance (admins only)',
        query:
          '{ insights(range: { preset: LAST_7_DAYS }, scope: INSTANCE) { scope costByPerson { userId } } }',
        asB: refusedWith('insights', 'FORBIDDEN'),
      },
    ],
  },
];
