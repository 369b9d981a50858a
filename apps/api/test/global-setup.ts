import type { TestProject } from 'vitest/node';
import { createMigratedDatabase, dropDatabase, startTestCluster } from './support/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
  }
}

/** One PostgreSQL per run, and one migrated template that every test file clones. */
export default async function setup(project: TestProject) {
  // eslint-disable-next-line no-process-env -- tests choose between the embedded and an external server
  const cluster = await startTestCluster(process.env.DATABASE_URL);
  const templateDatabase = `atelier_template_${process.pid}`;
  await createMigratedDatabase(cluster.adminUrl, templateDatabase);
  project.provide('adminUrl', cluster.adminUrl);
  project.provide('templateDatabase', templateDatabase);
  return async () => {
    await dropDatabase(cluster.adminUrl, templateDatabase);
    await cluster.stop();
  };
}
