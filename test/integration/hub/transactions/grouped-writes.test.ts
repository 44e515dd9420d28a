import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupedAppends, groupedNewStreams } from '../../../../src/commands/hub/transactions/grouped-imports.js';
import { WrongExpectedRevisionError } from '../../../../src/platform/eventstore/types.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';

const event = () => ({ id: randomUUID(), type: 'Noted', data: { n: 1 } });
const stream = () => `groupedtest-${randomUUID()}`;

describe('bankSync’s grouped writes on a real event store', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  it('when appends at expected revisions come together, then they land in one write; one elsewhere fails alone', async () => {
    const [a, b, c] = [stream(), stream(), stream()];
    for (const s of [a, b, c]) await infra.store.append(s, [event()], { expectedRevision: 'no_stream' });
    let writes = 0;
    const store = Object.create(infra.store) as typeof infra.store;
    store.appendAtomically = (w) => {
      writes++;
      return infra.store.appendAtomically(w);
    };
    const append = groupedAppends({ inFlight: 1, maxStreams: 10 });
    // The first goes alone; the two that come while it runs go together.
    const together = await Promise.allSettled([
      append(store, { stream: a, events: [event()], expectedRevision: 0n }),
      append(store, { stream: b, events: [event()], expectedRevision: 0n }),
      append(store, { stream: c, events: [event()], expectedRevision: 0n }),
    ]);
    expect(together.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(writes).toBe(1);
    const apart = await Promise.allSettled([
      append(store, { stream: a, events: [event()], expectedRevision: 1n }),
      append(store, { stream: b, events: [event()], expectedRevision: 1n }),
      append(store, { stream: c, events: [event()], expectedRevision: 0n }),
    ]);
    expect(apart.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((apart[2] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    const revisions = async (s: string) => (await infra.store.readStream(s)).map((e) => e.revision);
    expect([await revisions(a), await revisions(b), await revisions(c)]).toEqual([
      [0n, 1n, 2n],
      [0n, 1n, 2n],
      [0n, 1n],
    ]);
  });

  it('when two callers start the same stream together, then it is written once, counted by the first', async () => {
    const [shared, own] = [stream(), stream()];
    const starts = groupedNewStreams({ inFlight: 1, maxStreams: 10 });
    const [first, second] = await Promise.all([
      starts.write(infra.store, [{ stream: shared, events: [event()] }]),
      starts.write(infra.store, [
        { stream: shared, events: [event()] },
        { stream: own, events: [event()] },
      ]),
    ]);
    expect([[...first], [...second]]).toEqual([[shared], [own]]);
    expect(await infra.store.readStream(shared)).toHaveLength(1);
  });
});
