import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { graphqlAs, signUpPerson } from '../support/person';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on loopback (the server allows loopback endpoints in this development stack). */
async function startReceiver() {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/atelier-events`, received, close: () => server.close() };
}

const Generate = `mutation($input: GenerateImagesInput!) {
  generateImages(input: $input) { __typename ... on Job { id } }
}`;

test('a person registers a webhook in Settings, copies its secret, and sees signed deliveries logged', async ({
  browser,
}) => {
  const receiver = await startReceiver();
  const person = await signUpPerson(browser, 'Wanda Webhook');
  const { page } = person;
  try {
    await page.goto('/settings');
    const section = page.getByRole('region', { name: 'Webhooks' });
    await expect(section.getByText('No webhooks yet.')).toBeVisible();
    await section.getByRole('textbox', { name: 'Endpoint URL' }).fill(receiver.url);
    await section.getByRole('textbox', { name: /Description/ }).fill('e2e receiver');
    await section.getByRole('button', { name: 'Add webhook' }).click();

    const shown = section.getByRole('group', { name: `Signing secret for ${receiver.url}` });
    const secret = await shown.getByRole('textbox', { name: 'Signing secret' }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await shown.getByRole('button', { name: /Done/ }).click();
    await expect(shown).toHaveCount(0);

    const item = section.getByRole('listitem', { name: receiver.url });
    await item.getByRole('button', { name: 'Send test event' }).click();
    await expect(item.getByRole('table')).toBeVisible();
    await expect(item.getByRole('row', { name: /webhook\.ping.*Delivered.*HTTP 200/ })).toBeVisible({
      timeout: 15_000,
    });

    // A job of theirs ends: job.succeeded reaches the receiver, signed with the secret shown once.
    await graphqlAs(person, Generate, { input: { prompt: 'a webhook test', provider: 'local', count: 1 } });
    await expect
      .poll(() => receiver.received.filter((call) => call.body.includes('job.succeeded')).length, {
        timeout: 30_000,
      })
      .toBe(1);
    const call = receiver.received.find((candidate) => candidate.body.includes('job.succeeded'))!;
    const event = new Webhook(secret).verify(call.body, call.headers as Record<string, string>) as {
      type: string;
      data: { jobId: string; imageIds: string[] };
    };
    expect(event.type).toBe('job.succeeded');
    expect(event.data.imageIds).toHaveLength(1);

    await item.getByRole('button', { name: 'Refresh' }).click();
    await expect(item.getByRole('row', { name: /job\.succeeded.*Delivered.*HTTP 200/ })).toBeVisible();
  } finally {
    receiver.close();
    await person.context.close();
  }
});
