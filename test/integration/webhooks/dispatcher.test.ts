import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../src/platform/eventstore/types.js';
import { webhookDispatcher } from '../../../src/workers/webhooks/dispatcher.js';
import { allWebhookSources } from '../../../src/contexts.js';
import type { WebhookQueue } from '../../../src/projections/webhooks/deliveries/queue.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { recorded } from '../../support/projection-spec.js';

const programId = randomUUID();
const registered = (n: number): RecordedEvent =>
  recorded(
    'MemberRegistered',
    {
      memberId: randomUUID(),
      programId,
      profile: {
        email: `m${n}@example.org`,
        firstName: 'M',
        lastName: String(n),
        city: 'Bordeaux',
        zipcode: '33000',
        codePartner: null,
        birthday: null,
        street: null,
        phone: null,
        picture: null,
      },
      passwordHash: 'scrypt$x',
      registeredAt: '2026-11-22T10:00:00.000Z',
    },
    { stream: `member-${n}`, tenantId: programId, revision: 0, position: { commit: BigInt(n), prepare: BigInt(n) } },
  );

describe('the webhook dispatcher', () => {
  let infra: TestInfra;
  const subscriptions = [randomUUID(), randomUUID()];
  beforeAll(async () => {
    infra = await openTestInfra();
    for (const id of subscriptions) {
      await infra.knex('rm_webhook_subscriptions').insert({
        id,
        program_id: programId,
        name: null,
        url: 'https://example.org/hook',
        events: ['member.registered'],
        active: true,
        secret_ciphertext: 'sealed',
        created_at: new Date(),
        updated_at: new Date(),
        version: 0,
        deleted: false,
      });
    }
  });
  afterAll(async () => {
    await infra.close();
  });

  it('when a batch is replayed, then no delivery is added and no sequence number is used up', async () => {
    const dispatcher = webhookDispatcher({
      knex: infra.knex,
      store: infra.store,
      queue: {} as WebhookQueue,
      tries: 6,
      sources: allWebhookSources,
    });
    const events = Array.from({ length: 30 }, (_, n) => registered(n));
    await infra.knex.transaction((trx) => dispatcher.applyBatch!(trx, events.slice(0, 20)));
    await infra.knex.transaction((trx) => dispatcher.applyBatch!(trx, events));
    await infra.knex.transaction((trx) => dispatcher.apply(trx, events[5]!));
    for (const id of subscriptions) {
      const rows = await infra
        .knex('gs_webhook_deliveries')
        .where({ subscription_id: id })
        .orderBy('sequence')
        .select<Array<{ sequence: string; source_event_id: string }>>('sequence', 'source_event_id');
      expect(rows.map((r) => Number(r.sequence))).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(rows.map((r) => r.source_event_id)).toEqual(events.map((e) => e.id));
    }
  });

  it('when a program has no active subscription, then no payload is built for its events and no delivery is written', async () => {
    const quiet = randomUUID();
    const built: string[] = [];
    const counting = {
      eventTypes: ['MemberRegistered'],
      messages: (event: RecordedEvent) => {
        built.push(event.id);
        return [{ name: 'member.registered' as const, payload: {} }];
      },
    };
    const dispatcher = webhookDispatcher({
      knex: infra.knex,
      store: infra.store,
      queue: {} as WebhookQueue,
      tries: 6,
      sources: [counting],
    });
    const theirs = { ...registered(100), metadata: { ...registered(100).metadata, tenantId: quiet } };
    const ours = registered(101);
    await infra.knex.transaction((trx) => dispatcher.applyBatch!(trx, [theirs, ours]));
    expect(built).toEqual([ours.id]);
    expect(await infra.knex('gs_webhook_deliveries').where({ source_event_id: theirs.id }).count('* as n')).toEqual([
      { n: '0' },
    ]);
  });

  it('when a source names its webhooks and the program subscribes to none of them, then its payloads are not built', async () => {
    const built: string[] = [];
    const source = (name: 'member.registered' | 'member.donation_made') => ({
      eventTypes: ['MemberRegistered'],
      names: [name],
      messages: (event: RecordedEvent) => {
        built.push(`${name} ${event.id}`);
        return [{ name, payload: {} }];
      },
    });
    const dispatcher = webhookDispatcher({
      knex: infra.knex,
      store: infra.store,
      queue: {} as WebhookQueue,
      tries: 6,
      sources: [source('member.donation_made'), source('member.registered')],
    });
    const event = registered(102);
    await infra.knex.transaction((trx) => dispatcher.applyBatch!(trx, [event]));
    // The program subscribes to member.registered only.
    expect(built).toEqual([`member.registered ${event.id}`]);
    expect(await infra.knex('gs_webhook_deliveries').where({ source_event_id: event.id }).count('* as n')).toEqual([
      { n: String(subscriptions.length) },
    ]);
  });
});
