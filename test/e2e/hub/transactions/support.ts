import { expect } from 'vitest';
import { HUB_STORES_PROJECTION } from '../../../../src/projections/hub/stores/projection.js';
import { startTestApp, type TestApp } from '../../../support/app.js';
import { startReceiver, until, type Receiver } from '../../../support/receiver.js';
import { BANK, CODE, consentedQuery, freshPhone, startBankFront, type BankFront } from '../connections/support.js';
import { ADMIN, bearer, signInByCode, type HubProgram, type Json } from '../support.js';

/** The hub's store list, integrated by the worker: `[externalId, name]` pairs (default patterns: the names). */
export async function storeList(app: TestApp, hub: HubProgram, stores: readonly [string, string][]): Promise<void> {
  const posted = await app.request('POST', '/v1/hub/store-lists', {
    headers: hub.program,
    body: { stores: stores.map(([externalId, name]) => ({ externalId, name })) },
  });
  expect(posted.status, JSON.stringify(posted.body)).toBe(202);
  const requestId = (posted.body.data as Json).requestId as string;
  // The worker finds the request once the read model shows it: tick until the list has its result.
  await until(async () => {
    await app.running.workers.get('hub-store-lists')!.tick(new Date());
    const result = await app.request('GET', `/v1/hub/store-lists/${requestId}`, { headers: hub.program });
    return (result.body.data as Json).result === 'success';
  });
  // The list's outcome and its stores are two read models: the stores' must hold the list too before a test reads it.
  const head = await app.running.infra.store.headPosition();
  expect(await app.running.runner.waitFor(head, [HUB_STORES_PROJECTION], 10_000)).toBe(true);
}

/** A customer with one bank connection at the sandbox bank under `login`. */
export async function connectedCustomer(app: TestApp, hub: HubProgram, front: BankFront, login: string, lead: string) {
  const phoneNumber = freshPhone(lead);
  const registered = await app.request('POST', '/v1/hub/auth/register', {
    headers: hub.key,
    body: {
      phoneNumber,
      countryCode: 33,
      customerExternalId: `ext-${phoneNumber}`,
      // A week back, so sandbox-ok's purchases of the last days are eligible.
      transactionsEligibleFromDate: Math.floor(Date.now() / 1000) - 7 * 86_400,
    },
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  const me = await signInByCode(app, hub, phoneNumber, CODE);
  const queryString = await consentedQuery(app, hub, me.customerId, front, login);
  const connected = await app.request('POST', '/v1/hub/customer/bank-connections/callback', {
    headers: bearer(me.token),
    body: { bankId: BANK, queryString },
  });
  expect(connected.status, JSON.stringify(connected.body)).toBe(201);
  return { ...me, externalId: `ext-${phoneNumber}`, connectionId: (connected.body.data as Json).id as string };
}

export const runJob = (app: TestApp, jobName: string, hubId: string) =>
  app.request('POST', `/v1/admin/jobs/${jobName}`, { headers: ADMIN, body: { hubId } });

/** The customer_transactions bodies the receiver got for this hub. */
export const transactionHooks = (receiver: Receiver, hubId: string) =>
  receiver.received
    .map((r) => ({ delivery: r, body: JSON.parse(r.body.toString('utf8')) as Json }))
    .filter(({ body }) => body.event === 'customer_transactions' && body.shoppingHubId === hubId);

export interface Journey {
  readonly app: TestApp;
  readonly receiver: Receiver;
  readonly front: BankFront;
  stop(): Promise<void>;
}

/** The app (its settings over the journey's), a webhook receiver and the program's bank front, all on loopback. */
export async function startJourney(env: Record<string, string>): Promise<Journey> {
  const receiver = await startReceiver();
  const app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', SMS_SANDBOX_CODE: CODE, ...env });
  const front = await startBankFront();
  return {
    app,
    receiver,
    front,
    async stop() {
      await front.close();
      await app.stop();
      await receiver.close();
    },
  };
}
