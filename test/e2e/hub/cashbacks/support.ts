import { expect } from 'vitest';
import type { TestApp } from '../../../support/app.js';
import type { Receiver } from '../../../support/receiver.js';
import { CODE, freshPhone } from '../connections/support.js';
import { ADMIN, bearer, signInByCode, type HubProgram, type Json } from '../support.js';

export const GOOD_IBAN = 'FR14 2004 1010 0505 0001 3M02 606';
export const REFUSED_IBAN = 'DE89370400440532013000';

/** A registered customer (no payment method needed for a cashback) and its JWT. */
export async function customerOf(app: TestApp, hub: HubProgram, lead: string) {
  const phoneNumber = freshPhone(lead);
  const externalId = `ext-${phoneNumber}`;
  const registered = await app.request('POST', '/v1/hub/auth/register', {
    headers: hub.key,
    body: { phoneNumber, countryCode: 33, customerExternalId: externalId },
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  const me = await signInByCode(app, hub, phoneNumber, CODE);
  return { ...me, externalId, headers: bearer(me.token) };
}

export const cashbackBody = (customerId: string, externalId: string, extra: Json = {}) => ({
  customerId,
  externalId,
  ownerInfo: { firstName: 'Ada', lastName: 'Lovelace', address: '12 rue de la Paix, Paris' },
  transferInfo: { amount: '12.50', currency: 'EUR', label: 'Refund of order 42' },
  ...extra,
});

export const runJob = (app: TestApp, jobName: string, hubId: string) =>
  app.request('POST', `/v1/admin/jobs/${jobName}`, { headers: ADMIN, body: { hubId } });

/** The bodies (and deliveries) of one webhook event the receiver got for this hub. */
export const hooks = (receiver: Receiver, event: string, hubId: string) =>
  receiver.received
    .map((r) => ({ delivery: r, body: JSON.parse(r.body.toString('utf8')) as Json }))
    .filter(({ body }) => body.event === event && body.shoppingHubId === hubId);

/** The cashbacks_updated statuses sent for this externalId, in the order received. */
export const statusesOf = (receiver: Receiver, hubId: string, customerId: string) =>
  hooks(receiver, 'cashbacks_updated', hubId)
    .filter(({ body }) => body.customerId === customerId)
    .map(({ body }) => ((body.cashbacks as Json[])[0] as Json).status);
