import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Answer, TestApp } from '../../../support/app.js';
import { checkAnswer } from '../../../support/openapi/check.js';
import type { Receiver } from '../../../support/receiver.js';
import { CODE, freshPhone } from '../connections/support.js';
import { bearer, programWithHub, signInByCode, type HubProgram, type Json } from '../support.js';
import { storeList } from '../transactions/support.js';

const DAY_MS = 86_400_000;
/** `YYYY-MM-DD`, `days` from today (UTC). */
export const day = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
/** `YYYYMMDD`, as the sandbox reader's filenames carry dates. */
export const compact = (days: number) => day(days).replaceAll('-', '');

/** Bytes file-type reads as JPEG (SOI, a JFIF APP0 segment), `size` long. */
export function jpeg(size = 2048, seed = randomBytes(8)): Buffer {
  const head = Buffer.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0, 0, 1, 0, 1, 0, 0,
  ]);
  const body = Buffer.alloc(Math.max(0, size - head.length - 2 - seed.length), 0x11);
  return Buffer.concat([head, seed, body, Buffer.from([0xff, 0xd9])]);
}
export const pdf = (): Buffer => Buffer.from(`%PDF-1.4\n% receipt ${randomBytes(4).toString('hex')}\n%%EOF\n`);

export interface UploadOptions {
  readonly field?: string;
  readonly filename: string;
  readonly bytes: Buffer;
  readonly type?: string;
  readonly fields?: Record<string, string>;
}

/** A multipart POST as a front end sends it (fetch's FormData), its answer held to the OpenAPI document. */
export async function upload(
  app: TestApp,
  path: string,
  headers: Record<string, string>,
  options: UploadOptions,
): Promise<Answer> {
  const form = new FormData();
  for (const [k, v] of Object.entries(options.fields ?? {})) form.append(k, v);
  const blob = new Blob([new Uint8Array(options.bytes)], { type: options.type ?? 'image/jpeg' });
  form.append(options.field ?? 'image', blob, options.filename);
  const response = await fetch(`${app.baseUrl}${path}`, { method: 'POST', headers, body: form });
  const text = await response.text();
  checkAnswer({
    method: 'POST',
    path,
    status: response.status,
    contentType: response.headers.get('content-type'),
    text,
  });
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Json) : {} };
}

export interface ScanHub extends HubProgram {
  readonly hubId: string;
  readonly secret: string;
}

/** A hub that takes receipts, its stores `A-1` (Sandbox Store A), `B-2`, `U-1` (Corner Shop), a webhook. */
export async function scanHub(
  app: TestApp,
  receiver: Receiver,
  externalId: string,
  extra: Json = {},
): Promise<ScanHub> {
  const hub = await programWithHub(app, {
    externalId,
    scanEnable: true,
    dataRetrievalMethod: ['paymentCard', 'scan'],
    ...extra,
  });
  await storeList(app, hub, [
    ['A-1', 'Sandbox Store A'],
    ['B-2', 'Sandbox Store B'],
    ['U-1', 'Corner Shop'],
  ]);
  const hook = await app.request('POST', '/v1/webhooks', {
    headers: hub.program,
    body: {
      url: receiver.url,
      events: ['receipt_updated', 'claim_update', 'customer_transactions', 'customer_subscription'],
    },
  });
  expect(hook.status, JSON.stringify(hook.body)).toBe(201);
  return { ...hub, hubId: hub.hub.id as string, secret: String((hook.body.data as Json).secret) };
}

/** A registered customer (eligible from a week back) with a registration token. */
export async function registered(app: TestApp, hub: HubProgram, lead: string) {
  const phoneNumber = freshPhone(lead);
  const answer = await app.request('POST', '/v1/hub/auth/register', {
    headers: hub.key,
    body: {
      phoneNumber,
      countryCode: 33,
      customerExternalId: `ext-${phoneNumber}`,
      transactionsEligibleFromDate: Math.floor(Date.now() / 1000) - 7 * 86_400,
    },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  const { customerId, token } = answer.body.data as { customerId: string; token: string };
  return { customerId, registrationToken: token, phoneNumber, externalId: `ext-${phoneNumber}` };
}

/** A scan customer: registered, subscribed by a first receipt (validated at A-1), signed in. */
export async function scanCustomer(app: TestApp, hub: HubProgram, lead: string) {
  const r = await registered(app, hub, lead);
  const first = await upload(app, '/v1/hub/auth/first-receipt', bearer(r.registrationToken), {
    filename: `A-1_3.10_${compact(-1)}_0915.jpg`,
    bytes: jpeg(),
    fields: { customerId: r.customerId },
  });
  expect(first.status, JSON.stringify(first.body)).toBe(201);
  const me = await signInByCode(app, hub, r.phoneNumber, CODE);
  return { ...r, token: me.token, firstReceiptId: (first.body.data as Json).receiptId as string };
}

/** The webhook bodies of one event for one hub the receiver got, in arrival order. */
export const hooksOf = (receiver: Receiver, event: string, hubId: string) =>
  receiver.received
    .map((delivery) => ({ delivery, body: JSON.parse(delivery.body.toString('utf8')) as Json }))
    .filter(({ body }) => body.event === event && (body.shoppingHubId === hubId || hubId === '*'));
