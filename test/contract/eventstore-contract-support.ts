import { randomUUID } from 'node:crypto';
import { START, type Position } from '../../src/platform/eventstore/position.js';
import type { EventStore, NewEvent, RecordedEvent } from '../../src/platform/eventstore/types.js';

export const newEvent = (type = 'ThingHappened', data: NewEvent['data'] = { n: 1 }): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: { tenantId: 't1', correlationId: randomUUID(), actor: 'test', schemaVersion: 1 },
});

export const uniqueCategory = (): string => `c${randomUUID().replaceAll('-', '').slice(0, 12)}`;

export async function readEverything(
  store: EventStore,
  categories: string[],
  from: Position = START,
): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let position = from;
  for (;;) {
    const page = await store.readAll({ from: position, filter: { categories }, maxCount: 100 });
    all.push(...page.events);
    position = page.next;
    if (page.isEnd) return all;
  }
}
