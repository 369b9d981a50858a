import { sql } from 'kysely';
import type { App } from '../../apps/api/src/app';
import { digest, newApiToken } from '../../apps/api/src/auth/secrets';

export interface BenchPerson {
  userId: string;
  /** `Authorization` header value of the person's API token. */
  authorization: string;
  /** The one image the person owns. */
  imageId: string;
}

const ROWS_PER_INSERT = 1_000;

/**
 * `count` people, each with an API token (read, generate) and one unstarred image, written
 * straight into the tables in bulk: signing up ten thousand people through the API would take
 * minutes and measure sign-up, not what the benchmark is about.
 */
export async function createPeople(app: App, count: number): Promise<BenchPerson[]> {
  const people: BenchPerson[] = [];
  for (let start = 0; start < count; start += ROWS_PER_INSERT) {
    const size = Math.min(ROWS_PER_INSERT, count - start);
    const users = await app.db
      .insertInto('appUser')
      .values(
        Array.from({ length: size }, (_, i) => ({
          displayName: `Bench person ${start + i}`,
          email: `bench-${start + i}@example.test`,
        })),
      )
      .returning('id')
      .execute();
    const tokens = users.map(() => newApiToken());
    await app.db
      .insertInto('apiToken')
      .values(
        users.map((user, i) => ({
          userId: user.id,
          name: 'bench',
          prefix: tokens[i]!.prefix,
          tokenHash: digest(tokens[i]!.secret),
          scopes: ['read', 'generate'],
        })),
      )
      .execute();
    const images = await app.db
      .insertInto('image')
      .values(
        users.map((user, i) => {
          const hash = (start + i).toString(16).padStart(64, '0');
          return {
            ownerId: user.id,
            blobKey: `${hash.slice(0, 2)}/${hash}.png`,
            width: 512,
            height: 512,
            mime: 'image/png',
            bytes: 1000,
            prompt: `bench image ${start + i}`,
            provider: 'local',
            model: 'procedural-v1',
            params: JSON.stringify({}),
            seed: start + i,
            tags: [],
          };
        }),
      )
      .returning(['id', 'ownerId'])
      .execute();
    const imageOf = new Map(images.map((image) => [image.ownerId, image.id]));
    users.forEach((user, i) =>
      people.push({
        userId: user.id,
        authorization: `Bearer ${tokens[i]!.secret}`,
        imageId: imageOf.get(user.id)!,
      }),
    );
  }
  await sql`analyze app_user, api_token, image`.execute(app.db);
  return people;
}
