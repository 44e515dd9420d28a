import { ANY, NO_STREAM, START as CLIENT_START } from '@eventstore/db-client';
import { describe, expect, it, vi } from 'vitest';
import {
  categoriesRegex,
  escapeRegex,
  eventPredicate,
  eventTypesRegex,
  isSystemEvent,
  toClientExpectedRevision,
  toReadPosition,
  toRecordedEvent,
  toServerFilter,
  type ClientRecord,
} from '../../../src/platform/eventstore/esdb/mapping.js';
import { START } from '../../../src/platform/eventstore/position.js';

describe('EventStoreDB mapping', () => {
  describe('expected revisions', () => {
    it('maps no_stream, any and an exact revision onto the client constants', () => {
      expect(toClientExpectedRevision('no_stream')).toBe(NO_STREAM);
      expect(toClientExpectedRevision('any')).toBe(ANY);
      expect(toClientExpectedRevision(41n)).toBe(41n);
    });
  });

  describe('positions', () => {
    it('reads from the client START when no position or the port START is given, else from the same commit/prepare pair', () => {
      expect(toReadPosition(undefined)).toBe(CLIENT_START);
      expect(toReadPosition(START)).toBe(CLIENT_START);
      expect(toReadPosition({ commit: 12n, prepare: 7n })).toEqual({ commit: 12n, prepare: 7n });
    });
  });

  describe('system events', () => {
    it('treats $ types and $ streams as system events and nothing else', () => {
      expect(isSystemEvent({ streamId: '$ce-order', type: '$>' })).toBe(true);
      expect(isSystemEvent({ streamId: 'order-1', type: '$metadata' })).toBe(true);
      expect(isSystemEvent({ streamId: '$$order-1', type: 'Whatever' })).toBe(true);
      expect(isSystemEvent({ streamId: 'order-1', type: 'Placed' })).toBe(false);
      expect(isSystemEvent({ streamId: 'order-1', type: 'Price$Changed' })).toBe(false);
    });
  });

  describe('filters', () => {
    const names = ['order-1', 'order', 'order-1-2', 'orders-1', 'orderx', 'xorder-1', 'member-9', '$ce-order'];

    it('matches a category by the stream name up to the first dash, and event types exactly, never system events', () => {
      const byCategory = eventPredicate({ categories: ['order'] });
      expect(names.filter((streamId) => byCategory({ streamId, type: 'Placed' }))).toEqual([
        'order-1',
        'order',
        'order-1-2',
      ]);
      const byType = eventPredicate({ eventTypes: ['Placed'] });
      expect(
        ['Placed', 'PlacedAgain', 'placed', 'Pla'].filter((type) => byType({ streamId: 'order-1', type })),
      ).toEqual(['Placed']);
      const both = eventPredicate({ categories: ['order', 'member'], eventTypes: ['Placed'] });
      expect(both({ streamId: 'member-9', type: 'Placed' })).toBe(true);
      expect(both({ streamId: 'member-9', type: 'Joined' })).toBe(false);
      expect(eventPredicate(undefined)({ streamId: 'order-1', type: 'Placed' })).toBe(true);
      expect(eventPredicate(undefined)({ streamId: 'order-1', type: '$>' })).toBe(false);
    });

    it('matches nothing with an empty list, as the PostgreSQL store does', () => {
      expect(eventPredicate({ categories: [] })({ streamId: 'order-1', type: 'Placed' })).toBe(false);
      expect(eventPredicate({ eventTypes: [] })({ streamId: 'order-1', type: 'Placed' })).toBe(false);
    });

    it('builds server regexes that match the same streams and types as the client predicate', () => {
      const categories = new RegExp(categoriesRegex(['order', 'member']));
      expect(names.filter((n) => categories.test(n))).toEqual(['order-1', 'order', 'order-1-2', 'member-9']);
      const types = new RegExp(eventTypesRegex(['Placed', 'Joined']));
      expect(['Placed', 'Joined', 'PlacedAgain', 'XPlaced', '$>'].filter((t) => types.test(t))).toEqual([
        'Placed',
        'Joined',
      ]);
    });

    it('escapes regex syntax in categories and event types', () => {
      expect(escapeRegex('a.b*c')).toBe('a\\.b\\*c');
      const categories = new RegExp(categoriesRegex(['a.b', 'c+']));
      expect(['a.b-1', 'axb-1', 'c+-1', 'cc-1'].filter((n) => categories.test(n))).toEqual(['a.b-1', 'c+-1']);
      const types = new RegExp(eventTypesRegex(['Paid(EUR)', 'x|y']));
      expect(['Paid(EUR)', 'PaidEUR', 'x|y', 'x', 'y'].filter((t) => types.test(t))).toEqual(['Paid(EUR)', 'x|y']);
    });

    it('filters on the server by stream name for categories, else by event type, else drops system event types', () => {
      const checkpointReached = vi.fn();
      const byCategory = toServerFilter({ categories: ['order'], eventTypes: ['Placed'] }, checkpointReached);
      expect(byCategory).toMatchObject({
        filterOn: 'streamName',
        regex: categoriesRegex(['order']),
        checkpointReached,
      });
      expect(toServerFilter({ eventTypes: ['Placed'] }, checkpointReached)).toMatchObject({
        filterOn: 'eventType',
        regex: eventTypesRegex(['Placed']),
        checkpointReached,
      });
      const plain = toServerFilter(undefined, checkpointReached);
      expect(plain).toMatchObject({ filterOn: 'eventType', checkpointReached });
      expect(plain).toHaveProperty('regex');
      const systemTypes = new RegExp((plain as { regex: string }).regex);
      expect(['$>', '$metadata', 'Placed'].filter((t) => systemTypes.test(t))).toEqual(['Placed']);
      expect(toServerFilter({ categories: [] })).toMatchObject({
        filterOn: 'eventType',
        regex: (plain as { regex: string }).regex,
      });
    });
  });

  describe('recorded events', () => {
    const record: ClientRecord = {
      streamId: 'order-1',
      id: '5f0c3a4e-8d7e-4f7a-9a43-2d4b9a1c0001',
      revision: 3n,
      type: 'Placed',
      created: new Date('2024-05-10T12:00:00.123Z'),
      data: { total: 12, lines: [{ sku: 'a' }] },
      metadata: { tenantId: 't1', schemaVersion: 2 },
      position: { commit: 900n, prepare: 800n },
    };

    it('maps ids, revision, position, data, metadata and creation time', () => {
      expect(toRecordedEvent(record)).toEqual({
        id: record.id,
        type: 'Placed',
        streamName: 'order-1',
        revision: 3n,
        position: { commit: 900n, prepare: 800n },
        data: { total: 12, lines: [{ sku: 'a' }] },
        metadata: { tenantId: 't1', schemaVersion: 2 },
        createdAt: new Date('2024-05-10T12:00:00.123Z'),
      });
    });

    it('parses JSON the client left as bytes, and reads missing or non-object metadata as empty', () => {
      const bytes = (value: string): Uint8Array => new Uint8Array(Buffer.from(value, 'utf8'));
      const mapped = toRecordedEvent({ ...record, data: bytes('{"a":"é"}'), metadata: bytes('{"actor":"x"}') });
      expect(mapped.data).toEqual({ a: 'é' });
      expect(mapped.metadata).toEqual({ actor: 'x' });
      expect(toRecordedEvent({ ...record, metadata: undefined }).metadata).toEqual({});
      expect(toRecordedEvent({ ...record, metadata: bytes('not json') }).metadata).toEqual({});
      expect(toRecordedEvent({ ...record, metadata: ['a'] }).metadata).toEqual({});
    });

    it('refuses events without a position or whose data is not a JSON object', () => {
      expect(() => toRecordedEvent({ ...record, position: undefined })).toThrow(/no position/);
      expect(() => toRecordedEvent({ ...record, data: [1, 2] })).toThrow(/JSON object/);
      expect(() => toRecordedEvent({ ...record, data: 'not json' })).toThrow(/JSON object/);
      expect(() => toRecordedEvent({ ...record, data: new Uint8Array([0xff, 0x00]) })).toThrow(/JSON object/);
    });
  });
});
