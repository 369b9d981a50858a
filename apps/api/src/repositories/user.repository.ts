import type { Viewer } from '@atelier/schema/context';
import type { Database } from '../db/database';

export class UserRepository {
  constructor(private readonly db: Database) {}

  async findLocalOwner(): Promise<Viewer> {
    return this.db
      .selectFrom('appUser')
      .select(['id', 'displayName'])
      .where('isLocalOwner', '=', true)
      .executeTakeFirstOrThrow(() => new Error('The built-in local owner is missing; run the migrations'));
  }

  async create(displayName: string): Promise<Viewer> {
    return this.db
      .insertInto('appUser')
      .values({ displayName })
      .returning(['id', 'displayName'])
      .executeTakeFirstOrThrow();
  }
}
