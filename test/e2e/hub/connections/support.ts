import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';
import { sandboxBankId } from '../../../../src/commands/hub/banks/banks.js';
import { startTestApp, type TestApp } from '../../../support/app.js';
import { startReceiver, type Receiver } from '../../../support/receiver.js';
import type { HubProgram } from '../support.js';

export const CODE = '123456';
export const BANK = sandboxBankId('Sandbox Bank');

let phones = 0;
/** A phone number no other test file or run of this process meets (`lead` keeps files apart). */
export const freshPhone = (lead: string) =>
  `${lead}${String(process.pid % 1000).padStart(3, '0')}${String(Date.now() % 10000).padStart(4, '0')}${phones++ % 10}`;

export interface BankFront {
  /** Where the bank sends the browser back. */
  readonly url: string;
  close(): Promise<void>;
}

/** The program's front: the bank's redirect lands here, and it shows the query it was given. */
export async function startBankFront(): Promise<BankFront> {
  const server = createServer((req, res) => res.end(new URL(req.url ?? '/', 'http://front').search.slice(1)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bank/return`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The connectUrl and state getBankById gives the customer. */
export async function connectUrlOf(app: TestApp, hub: HubProgram, customerId: string, front: BankFront) {
  const answer = await app.request('GET', `/v1/hub/banks/${BANK}`, {
    headers: { ...hub.key, customerId, redirectURI: front.url },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.data as { connectUrl: string; state: string };
}

/** The query the front receives after the customer consents with `login` (the password is the login). */
export async function consentedQuery(
  app: TestApp,
  hub: HubProgram,
  customerId: string,
  front: BankFront,
  login: string,
) {
  const url = new URL((await connectUrlOf(app, hub, customerId, front)).connectUrl);
  url.searchParams.set('login', login);
  url.searchParams.set('password', login);
  return (await fetch(url)).text();
}

export interface WebhookBench {
  readonly app: TestApp;
  readonly receiver: Receiver;
  readonly front: BankFront;
}

/** For one describe block: an app that may deliver to loopback, a receiver for its webhooks and the program's front. */
export function webhookBench(settings: Record<string, string> = {}): WebhookBench {
  const bench = {} as { app: TestApp; receiver: Receiver; front: BankFront };
  beforeAll(async () => {
    bench.receiver = await startReceiver();
    bench.app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', SMS_SANDBOX_CODE: CODE, ...settings });
    bench.front = await startBankFront();
  });
  afterAll(async () => {
    await bench.front.close();
    await bench.app.stop();
    await bench.receiver.close();
  });
  return bench;
}
