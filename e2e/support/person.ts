import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export interface Person {
  context: BrowserContext;
  page: Page;
  email: string;
  password: string;
}

/** A new person in a browser of their own (sign-up is open once the first admin opened it). */
export async function signUpPerson(browser: Browser, name: string): Promise<Person> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now().toString(36)}@example.test`;
  const password = `${name} has a long passphrase`;
  await page.goto('/sign-up');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('button', { name: 'Generate', exact: true })).toBeVisible();
  return { context, page, email, password };
}

/** POSTs a GraphQL operation with the session cookie of a browser context, as the web app does. */
export async function graphqlAs<T>(
  { context }: { context: BrowserContext },
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await context.request.post('/graphql', {
    headers: { 'x-atelier-csrf': '1', 'content-type': 'application/json' },
    data: { query, variables },
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}
