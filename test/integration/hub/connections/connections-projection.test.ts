import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionStream } from '../../../../src/commands/hub/connections/connections.js';
import { cardConnectionEvents, connectionEvents } from '../../../../src/domain/hub/connections/events.js';
import { connectionsProjection } from '../../../../src/projections/hub/connections/projection.js';
import {
  digestUsed,
  findConnection,
  hadConnection,
  listConnections,
} from '../../../../src/projections/hub/connections/queries.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';
import { applyToDb, recorded } from '../../../support/projection-spec.js';

/* One case per event type the connections projection handles, each applied twice: a replay changes nothing. Events
   are built in stream order, since each takes the next revision of its stream. */

const AT = '2026-12-05T09:00:00.000Z';
const LATER = '2026-12-06T09:00:00.000Z';

describe('the connections projection', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  const hubId = randomUUID();
  const event = (connectionId: string, type: keyof typeof connectionEvents, data: object) =>
    recorded(type, connectionEvents[type].parse({ connectionId, ...data }), { stream: connectionStream(connectionId) });
  const created = (connectionId: string, customerId: string, digest = `digest-${connectionId}`) =>
    event(connectionId, 'BankConnectionCreated', {
      hubId,
      programId: randomUUID(),
      customerId,
      bankId: randomUUID(),
      providerCode: 'sandbox',
      providerConnectionId: 'sbx-1',
      credentialsDigest: digest,
      dataProviderType: 'bank',
      transactionsEligibleFromDate: AT,
      consentExpiresAt: LATER,
      credentialsPreviouslyUsed: false,
      createdAt: AT,
    });

  it('BankConnectionCreated lists a synchronised connection for its customer, and its digest as used', async () => {
    const [id, customerId] = [randomUUID(), randomUUID()];
    await applyToDb(infra.knex, connectionsProjection, [created(id, customerId, 'dg-created')], { replayed: true });
    expect(await listConnections(infra.knex, hubId, customerId)).toEqual([
      expect.objectContaining({
        id,
        status: 'synchronized',
        transactionsEligibleFromDate: AT,
        consentExpiresAt: LATER,
      }),
    ]);
    expect(await digestUsed(infra.knex, hubId, 'dg-created')).toBe(true);
    expect(await findConnection(infra.knex, hubId, randomUUID(), id)).toBeUndefined();
  });

  it('BankConnectionSynced moves the cursor and the version', async () => {
    const [id, customerId] = [randomUUID(), randomUUID()];
    const first = created(id, customerId);
    const synced = event(id, 'BankConnectionSynced', { cursor: '4', imported: 4, syncedAt: LATER });
    await applyToDb(infra.knex, connectionsProjection, [first, synced], { replayed: true });
    expect(await findConnection(infra.knex, hubId, customerId, id)).toMatchObject({ version: 1 });
    const row = await infra.knex<{ id: string; cursor: string }>('rm_hub_connections').where({ id }).first('cursor');
    expect(row?.cursor).toBe('4');
  });

  it('BankConnectionDesynchronized records the error; BankConnectionResynchronized clears it and takes the new consent', async () => {
    const [id, customerId] = [randomUUID(), randomUUID()];
    const first = created(id, customerId);
    const off = event(id, 'BankConnectionDesynchronized', {
      errorCode: 'invalidCredentials',
      errorMessage: 'refused',
      desynchronizedAt: LATER,
    });
    await applyToDb(infra.knex, connectionsProjection, [first, off], { replayed: true });
    expect(await findConnection(infra.knex, hubId, customerId, id)).toMatchObject({
      status: 'desynchronized',
      errorCode: 'invalidCredentials',
      errorMessage: 'refused',
    });
    const back = event(id, 'BankConnectionResynchronized', {
      providerConnectionId: null,
      consentExpiresAt: '2027-06-01T00:00:00.000Z',
      resynchronizedAt: LATER,
    });
    await applyToDb(infra.knex, connectionsProjection, [back, off], { replayed: true });
    expect(await findConnection(infra.knex, hubId, customerId, id)).toMatchObject({
      status: 'synchronized',
      errorCode: null,
      consentExpiresAt: '2027-06-01T00:00:00.000Z',
      version: 2,
    });
  });

  it('BankConnectionDeleted takes it off the lists; the customer still had one and the digest stays used', async () => {
    const [id, customerId] = [randomUUID(), randomUUID()];
    const first = created(id, customerId, 'dg-deleted');
    const deleted = event(id, 'BankConnectionDeleted', { by: 'customer', deletedAt: LATER });
    await applyToDb(infra.knex, connectionsProjection, [first, deleted], { replayed: true });
    expect(await listConnections(infra.knex, hubId, customerId)).toEqual([]);
    expect(await hadConnection(infra.knex, hubId, customerId)).toBe(true);
    expect(await digestUsed(infra.knex, hubId, 'dg-deleted')).toBe(true);
    expect(await hadConnection(infra.knex, hubId, randomUUID())).toBe(false);
  });

  const cardEvent = (connectionId: string, type: keyof typeof cardConnectionEvents, data: object) =>
    recorded(type, cardConnectionEvents[type].parse({ connectionId, ...data }), {
      stream: connectionStream(connectionId),
    });

  const linkedCard = (id: string, customerId: string, last4: string) =>
    cardEvent(id, 'CardConnectionLinked', {
      hubId,
      programId: randomUUID(),
      customerId,
      providerCode: 'sandbox',
      providerCardId: `card_tok_${last4}`,
      last4,
      transactionsEligibleFromDate: AT,
      linkedAt: AT,
    });

  it('CardConnectionLinked lists a card with its last4 and no bank', async () => {
    const [id, customerId] = [randomUUID(), randomUUID()];
    const linked = linkedCard(id, customerId, '1234');
    await applyToDb(infra.knex, connectionsProjection, [linked], { replayed: true });
    expect(await listConnections(infra.knex, hubId, customerId)).toEqual([
      expect.objectContaining({ id, type: 'card', bankId: null, last4: '1234', status: 'synchronized' }),
    ]);
  });

  it('CardConnectionDeleted takes the card off the lists', async () => {
    const [id, customerId] = [randomUUID(), randomUUID()];
    const linked = linkedCard(id, customerId, '4242');
    const deleted = cardEvent(id, 'CardConnectionDeleted', { by: 'customer', deletedAt: LATER });
    await applyToDb(infra.knex, connectionsProjection, [linked, deleted], { replayed: true });
    expect(await listConnections(infra.knex, hubId, customerId)).toEqual([]);
    expect(await hadConnection(infra.knex, hubId, customerId)).toBe(true);
  });
});
