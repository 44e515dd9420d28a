import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sql from '../../src/platform/eventstore/postgres/sql.js';
import { START, type Position } from '../../src/platform/eventstore/position.js';
import { WrongExpectedRevisionError, type RecordedEvent } from '../../src/platform/eventstore/types.js';
import { createTestDatabase } from '../support/db.js';
import { eventually, openTestInfra, type TestInfra } from '../support/infra.js';

describe('PostgreSQL store: the transaction-id horizon', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(async () => {
    await infra.close();
  });

  it('when an append takes its sequence number first but commits last, then a reader that passed the later ones still gets it', async () => {
    const slow = new pg.Client({ connectionString: infra.url });
    await slow.connect();
    // The slow writer takes the lowest sequence number and holds its transaction open.
    await slow.query('begin');
    await slow.query(sql.appendNoStream, ['late-1', 'late', [randomUUID()], ['Late'], ['{"who":"slow"}'], ['{}']]);

    for (let i = 0; i < 5; i++) {
      await infra.store.append(`late-fast${i}`, [{ id: randomUUID(), type: 'Fast', data: { i } }], {
        expectedRevision: 'no_stream',
      });
    }
    const seen: RecordedEvent[] = [];
    let position: Position = START;
    const readOn = async (): Promise<void> => {
      const page = await infra.store.readAll({ from: position, filter: { categories: ['late'] } });
      seen.push(...page.events);
      position = page.next;
    };
    // While the slow transaction is open, nothing after it is handed out.
    await readOn();
    expect(seen).toEqual([]);

    await slow.query('commit');
    await slow.end();
    await eventually(
      async () => (await readOn(), seen.length),
      (n) => n >= 6,
    );
    expect(seen.map((e) => e.type)).toEqual(['Late', 'Fast', 'Fast', 'Fast', 'Fast', 'Fast']);
    expect(new Set(seen.map((e) => e.id)).size).toBe(6);
  });

  it('when a transaction stays open in another database, then readers here are not held back by it', async () => {
    const elsewhere = new pg.Client({ connectionString: await createTestDatabase() });
    await elsewhere.connect();
    await elsewhere.query('begin');
    await elsewhere.query('select pg_current_xact_id()'); // it now holds a transaction id, as a long write would
    try {
      const id = randomUUID();
      await infra.store.append('elsewhere-1', [{ id, type: 'Seen', data: {} }], { expectedRevision: 'no_stream' });
      const page = await eventually(
        () => infra.store.readAll({ filter: { categories: ['elsewhere'] } }),
        (p) => p.events.length === 1,
        3000,
      );
      expect(page.events.map((e) => e.id)).toEqual([id]);
    } finally {
      await elsewhere.query('rollback');
      await elsewhere.end();
    }
  });

  it('when a racer writes part of a new stream while a grouped start waits on it, then the whole start fails and writes nothing', async () => {
    const [raced, other] = [`partial-${randomUUID()}`, `partial-${randomUUID()}`];
    const racer = new pg.Client({ connectionString: infra.url });
    await racer.connect();
    try {
      // The racer holds revision 1 of the stream, uncommitted: the start's snapshot sees no stream there.
      await racer.query('begin');
      await racer.query(
        `insert into gs_events (event_id, stream_name, stream_revision, category, type, data, metadata)
         values ($1, $2, 1, 'partial', 'Racer', '{}', '{}')`,
        [randomUUID(), raced],
      );
      const event = () => ({ id: randomUUID(), type: 'Started', data: {} });
      const starting = infra.store.appendNewStreams([
        { stream: raced, events: [event(), event()] },
        { stream: other, events: [event()] },
      ]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await racer.query('commit');
      await expect(starting).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(starting).rejects.toMatchObject({ stream: raced, actual: 1n });
      expect((await infra.store.readStream(raced)).map((e) => e.type)).toEqual(['Racer']);
      expect(await infra.store.readStream(other)).toEqual([]);
    } finally {
      await racer.end();
    }
  });
});
