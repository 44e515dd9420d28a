import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../support/app.js';
import { programWithHub, type HubProgram, type Json } from '../support.js';
import { cashbackBody, customerOf } from './support.js';
import { startCashbacksWorld, type CashbacksWorld } from './world.js';

describe('hub cashbacks over HTTP: postCashback idempotency, validation and hub isolation', () => {
  let world: CashbacksWorld;
  let app: TestApp;
  let hub: HubProgram;
  beforeAll(async () => {
    world = await startCashbacksWorld();
    ({ app, hub } = world);
  });
  afterAll(() => world.stop());

  it('postCashback is idempotent by externalId: the same body answers as the first, another is 409 naming each field', async () => {
    const me = await customerOf(app, hub, '6');
    const body = cashbackBody(me.customerId, 'cb-idem-1');
    const first = await app.request('POST', '/v1/hub/cashbacks', { headers: hub.program, body });
    const again = await app.request('POST', '/v1/hub/cashbacks', { headers: hub.program, body });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const other = await app.request('POST', '/v1/hub/cashbacks', {
      headers: hub.program,
      body: {
        ...body,
        transferInfo: { amount: 13, currency: 'EUR', label: 'Refund of order 42' },
        ownerInfo: { ...body.ownerInfo, lastName: 'Byron' },
      },
    });
    expect(other.status, JSON.stringify(other.body)).toBe(409);
    expect(other.body.error_name).toBe('conflict_uniqueness');
    expect((other.body.details as Json[]).map((d) => d.field).sort()).toEqual([
      'ownerInfo.lastName',
      'transferInfo.amount',
    ]);
    const mine = await app.request('GET', '/v1/hub/customer/cashbacks', { headers: me.headers });
    expect(mine.body.data).toHaveLength(1);
  });

  it('refuses bad bodies with one detail per field, a bad IBAN with invalidIban, another hub’s customer with 404', async () => {
    const me = await customerOf(app, hub, '6');
    const badIban = await app.request('PUT', '/v1/hub/customer/favorite-account', {
      headers: me.headers,
      body: { iban: 'FR1420041010050500013M02607' },
    });
    expect(badIban.status).toBe(422);
    expect((badIban.body.details as Json[])[0]).toMatchObject({ field: 'iban', code: 'invalidIban' });
    const badList = await app.request('POST', '/v1/hub/cashbacks/list', {
      headers: hub.program,
      body: {
        cashbacks: [
          cashbackBody(me.customerId, 'cb-list-ok'),
          cashbackBody(me.customerId, 'cb-list-bad', { transferInfo: { amount: '-1', currency: 'EUR', label: 'x' } }),
        ],
      },
    });
    expect(badList.status).toBe(422);
    expect((badList.body.details as Json[]).map((d) => d.field)).toEqual(['cashbacks.1.transferInfo.amount']);
    const empty = await app.request('POST', '/v1/hub/cashbacks/list', {
      headers: hub.program,
      body: { cashbacks: [] },
    });
    expect(empty.status).toBe(422);
    const badListIban = await app.request('POST', '/v1/hub/cashbacks/list', {
      headers: hub.program,
      body: {
        cashbacks: [
          cashbackBody(me.customerId, 'cb-list-ok'),
          cashbackBody(me.customerId, 'cb-list-iban', {
            transferInfo: { amount: 1, currency: 'EUR', label: 'x', iban: 'DE00' },
          }),
        ],
      },
    });
    expect(badListIban.status).toBe(422);
    expect((badListIban.body.details as Json[])[0]).toMatchObject({
      field: 'cashbacks.1.transferInfo.iban',
      code: 'invalidIban',
    });
    const mine = await app.request('GET', '/v1/hub/customer/cashbacks', { headers: me.headers });
    expect(mine.body.data).toEqual([]);
    const list = await app.request('POST', '/v1/hub/cashbacks/list', {
      headers: hub.program,
      body: { cashbacks: [cashbackBody(me.customerId, 'cb-list-1'), cashbackBody(me.customerId, 'cb-list-2')] },
    });
    expect(list.status, JSON.stringify(list.body)).toBe(201);
    expect((list.body.data as Json[]).map((c) => [c.externalId, c.status])).toEqual([
      ['cb-list-1', 'PENDING'],
      ['cb-list-2', 'PENDING'],
    ]);
    const other = await programWithHub(app);
    const theirs = await app.request('POST', '/v1/hub/cashbacks', {
      headers: other.program,
      body: cashbackBody(me.customerId, 'cb-theirs'),
    });
    expect(theirs.status).toBe(404);
    const byExternal = await app.request('POST', '/v1/hub/cashbacks', {
      headers: hub.program,
      body: { ...cashbackBody(me.customerId, 'cb-ext'), customerId: undefined, customerExternalId: me.externalId },
    });
    expect(byExternal.status, JSON.stringify(byExternal.body)).toBe(201);
  });
});
