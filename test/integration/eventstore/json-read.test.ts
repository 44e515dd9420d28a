import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresEventStore } from '../../../src/platform/eventstore/postgres/store.js';
import type { NewEvent } from '../../../src/platform/eventstore/types.js';
import { createTestDatabase } from '../../support/db.js';

const event = (tenantId: string, data: NewEvent['data']): NewEvent => ({
  id: randomUUID(),
  type: 'Noted',
  data,
  metadata: { tenantId, actor: 'test', schemaVersion: 1 },
});

describe('the PostgreSQL store read as JSON text', () => {
  let store: PostgresEventStore;
  beforeAll(async () => {
    store = new PostgresEventStore({ connectionString: await createTestDatabase(), pollMs: 50 });
  });
  afterAll(() => store.close());

  it('when a program reads its events as JSON text, then it gets what the parsed read gives, position for position', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const odd = { quote: 'say "hi"\nthen\\go', unicode: 'café 💳 \u0000'.replace('\u0000', ''), n: 1.5, big: 2 ** 53 };
    for (let i = 0; i < 7; i++) {
      await store.append(`note-${randomUUID()}`, [event(a, { i, odd, nested: { list: [i, null, true] } })], {
        expectedRevision: 'no_stream',
      });
      await store.append(`note-${randomUUID()}`, [event(b, { i })], { expectedRevision: 'no_stream' });
    }
    const options = { filter: { tenantId: a }, maxCount: 4 };
    const parsed = [await store.readAll(options)];
    const asText = [await store.readAllJson(options)];
    parsed.push(await store.readAll({ ...options, from: parsed[0]!.next }));
    asText.push(await store.readAllJson({ ...options, from: asText[0]!.next }));

    expect(asText.map((p) => p.isEnd)).toEqual([false, true]);
    expect(parsed.map((p) => p.isEnd)).toEqual([false, true]);
    // A full page ends at its last event; the last page ends at the read horizon, which any transaction on the
    // server moves on (other test files write meanwhile), so only the full page's end is the same position.
    expect(asText[0]!.next).toEqual(parsed[0]!.next);
    const texts = asText.flatMap((p) => p.events);
    const events = parsed.flatMap((p) => p.events);
    expect(texts).toHaveLength(7);
    expect(
      texts.map((e) => ({
        id: e.id,
        position: e.position,
        stream: e.streamName,
        revision: e.revision,
        data: JSON.parse(e.dataJson) as unknown,
        metadata: JSON.parse(e.metadataJson) as unknown,
        createdAt: e.createdAt,
      })),
    ).toEqual(
      events.map((e) => ({
        id: e.id,
        position: e.position,
        stream: e.streamName,
        revision: e.revision,
        data: e.data,
        metadata: e.metadata,
        createdAt: e.createdAt.toISOString(),
      })),
    );
  });
});
