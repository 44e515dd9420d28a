import { randomUUID } from 'node:crypto';
import type { EventMetadata, JsonObject, NewEvent } from '../../src/platform/eventstore/types.js';

/**
 * Event payloads of a realistic size: data ~200 bytes of JSON, metadata ~170.
 * The same shape is produced in SQL by `bulkLoadSql` for the bulk load.
 */
export const EVENT_TYPES = ['PointsEarned', 'PointsSpent', 'DonationMade', 'MemberUpdated'] as const;
export const CATEGORIES = ['account', 'donation', 'member', 'order'] as const;

let counter = 0;

export function eventData(): JsonObject {
  const i = counter++;
  return {
    memberId: randomUUID(),
    amount: (i % 500) + 1,
    currency: 'EUR',
    causeId: `cause-${i % 37}`,
    reason: 'purchase at partner store',
    campaign: 'spring-2025',
    note: 'a7f5c3e9d1b24f6a8c0e2d4b6f8a1c3e',
  };
}

export function eventMetadata(): EventMetadata {
  const i = counter;
  return {
    tenantId: `tenant-${i % 13}`,
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actor: `user:${i % 1000}`,
    schemaVersion: 1,
  };
}

export function newEvent(): NewEvent {
  return {
    id: randomUUID(),
    type: EVENT_TYPES[counter % EVENT_TYPES.length]!,
    data: eventData(),
    metadata: eventMetadata(),
  };
}

export function newStreamName(): string {
  return `${CATEGORIES[counter % CATEGORIES.length]!}-${randomUUID()}`;
}

/**
 * Inserts events number $1 to $2 (inclusive), ten per stream, as appends would
 * have written them, in one statement (one transaction). The payloads come from
 * 1,023 distinct ones built first: generating random ids and JSON for every row
 * costs more than the insert itself. Event ids are random-looking, so their
 * unique index grows as it does under real appends.
 */
export const bulkLoadSql = `
  with p as materialized (
    select k,
      jsonb_build_object(
        'memberId', gen_random_uuid(), 'amount', (k % 500) + 1, 'currency', 'EUR', 'causeId', 'cause-' || (k % 37),
        'reason', 'purchase at partner store', 'campaign', 'spring-2025', 'note', md5(k::text)) as data,
      jsonb_build_object(
        'tenantId', 'tenant-' || (k % 13), 'correlationId', gen_random_uuid(), 'causationId', gen_random_uuid(),
        'actor', 'user:' || (k % 1000), 'schemaVersion', 1) as metadata
    from generate_series(0, 1022) as k
  )
  insert into gs_events (event_id, stream_name, stream_revision, category, type, data, metadata)
  select md5('bench-event-' || i)::uuid, c.category || '-' || lpad((i / 10)::text, 9, '0'), i % 10, c.category,
    (array['PointsEarned', 'PointsSpent', 'DonationMade', 'MemberUpdated'])[(i % 4) + 1], p.data, p.metadata
  from generate_series($1::bigint, $2::bigint) as i
  cross join lateral (select (array['account', 'donation', 'member', 'order'])[((i / 10) % 4) + 1] as category) c
  join p on p.k = i % 1023`;
