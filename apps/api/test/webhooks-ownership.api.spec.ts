import type { Viewer } from '@atelier/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from './support/harness';
import { startWebhookReceiver, verified, type WebhookReceiver } from './support/webhook-receiver';
import { deliveriesOf, deliveriesWhen, generate, registerWebhook, Webhooks } from './support/webhooks';

/*
 * Webhooks are their owner's: another person hears none of their events, and can neither see,
 * change, test nor redeliver their endpoints (every attempt answers "not found" and changes nothing).
 */

let stack: TestStack;
let receiver: WebhookReceiver;
let a: Viewer;
let b: Viewer;
let aHook: { id: string; secret: string };
let bHook: { id: string; secret: string };
let aJob: string;
let bJob: string;
let aDelivery: string;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await createTestStack({ webhooks: { allowLoopback: true } });
  a = await stack.newUser('A');
  b = await stack.newUser('B');
  aHook = await registerWebhook(stack, a, `${receiver.origin}/a`);
  bHook = await registerWebhook(stack, b, `${receiver.origin}/b`);
  aJob = await generate(stack, a);
  await receiver.waitFor('/a', 1);
  bJob = await generate(stack, b);
  await receiver.waitFor('/b', 1);
  const [delivery] = await deliveriesWhen(stack, a, aHook.id, ([d]) => d?.status === 'SUCCEEDED');
  aDelivery = delivery!.id;
});

afterAll(async () => {
  await stack?.close();
  await receiver?.close();
});

/** A's webhook as A sees it, to compare before and after B's attempts. */
const aWorld = async () => ({
  webhooks: (await stack.graphql(a, Webhooks)).data.webhooks,
  deliveries: await deliveriesOf(stack, a, aHook.id),
});

describe("another person's webhooks", () => {
  it("B's endpoint hears only B's events, and A's only A's", async () => {
    expect(receiver.at('/a').map((message) => (verified(aHook.secret, message) as any).data.jobId)).toEqual([
      aJob,
    ]);
    expect(receiver.at('/b').map((message) => (verified(bHook.secret, message) as any).data.jobId)).toEqual([
      bJob,
    ]);
  });

  it("B sees none of A's webhooks or deliveries", async () => {
    const list = await stack.graphql(b, Webhooks);
    expect(list.data.webhooks.map((webhook: { id: string }) => webhook.id)).toEqual([bHook.id]);
    expect(await deliveriesOf(stack, b, aHook.id)).toEqual([]);
    const node = await stack.graphql(b, 'query($id: ID!) { node(id: $id) { id } }', { id: aHook.id });
    expect(node.data.node).toBeNull();
  });

  const Outcome = '__typename ... on Error { code }';
  const attempts: [string, string, () => Record<string, unknown>][] = [
    [
      'update',
      `mutation($input: UpdateWebhookInput!) { updateWebhook(input: $input) { ${Outcome} } }`,
      () => ({ input: { id: aHook.id, url: `${receiver.origin}/b`, enabled: false } }),
    ],
    ['delete', `mutation($id: ID!) { deleteWebhook(id: $id) { ${Outcome} } }`, () => ({ id: aHook.id })],
    [
      'rotate',
      `mutation($id: ID!) { rotateWebhookSecret(id: $id) { ${Outcome} } }`,
      () => ({ id: aHook.id }),
    ],
    ['ping', `mutation($id: ID!) { pingWebhook(id: $id) { ${Outcome} } }`, () => ({ id: aHook.id })],
    [
      'redeliver',
      `mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { ${Outcome} } }`,
      () => ({ id: aDelivery }),
    ],
  ];

  it.each(attempts)(
    "B cannot %s A's webhook: not found, nothing changed",
    async (_what, query, variables) => {
      const before = await aWorld();
      const answer = await stack.graphql(b, query, variables());
      expect(answer.errors).toBeUndefined();
      expect(Object.values(answer.data)[0]).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
      expect(await aWorld()).toEqual(before);
      expect(receiver.at('/a')).toHaveLength(1);
    },
  );
});
