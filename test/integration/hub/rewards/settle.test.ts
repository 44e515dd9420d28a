import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Earning } from '../../../../src/commands/hub/points/earn.js';
import type { Work } from '../../../../src/commands/hub/rewards/engine.js';
import { POINTS, REWARDS } from '../../../../src/commands/hub/rewards/kinds.js';
import { KnownStreams, PageStreams } from '../../../../src/commands/hub/rewards/page-streams.js';
import { settlePage } from '../../../../src/commands/hub/rewards/settle.js';
import { pointsStream, rewardStream } from '../../../../src/commands/hub/streams.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';

const NOW = '2026-12-05T10:00:00.000Z';

describe('the reward engine settles a page in one write', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  const earning = (customerId: string, entryId = randomUUID()): Earning => ({
    customerId,
    hubId: randomUUID(),
    programId: randomUUID(),
    entryId,
    value: 10,
    transactionId: randomUUID(),
    rewardId: null,
    operationDate: '2026-12-05',
  });
  const earn = (e: Earning): Work => ({ earning: e, now: NOW });
  const ledger = async (customerId: string) =>
    (await infra.store.readStream(pointsStream(customerId))).map((e) => [e.revision, e.data.entryId]);

  it('when a stream it guessed new exists, then the write fails, the stream is read and what it holds is not counted again', async () => {
    const customerId = randomUUID();
    const first = earning(customerId);
    // Another engine earned `first` already: this engine's cache knows nothing of the ledger.
    await settlePage(infra.store, new KnownStreams(), [earn(first)]);
    const second = earning(customerId);
    const appended = await settlePage(infra.store, new KnownStreams(), [earn(first), earn(second)]);
    expect(appended).toBe(1);
    expect(await ledger(customerId)).toEqual([
      [0n, first.entryId],
      [1n, second.entryId],
    ]);
  });

  it('when the same page is settled twice (a replay after a crash), then the second appends nothing', async () => {
    const customerId = randomUUID();
    const work = [earn(earning(customerId)), earn(earning(customerId))];
    const known = new KnownStreams();
    expect(await settlePage(infra.store, known, work)).toBe(2);
    expect(await settlePage(infra.store, known, work)).toBe(0);
    expect(await settlePage(infra.store, new KnownStreams(), work)).toBe(0);
    expect(await ledger(customerId)).toHaveLength(2);
  });

  it('when a page guesses a stream new and writes nothing to it, then the guess is noted missing (to be read)', () => {
    const page = new PageStreams(new KnownStreams(), new Map(), true);
    const unwritten = rewardStream(randomUUID());
    const written = pointsStream(randomUUID());
    expect(page.state(REWARDS, unwritten)).toEqual({ status: 'none' });
    const e = earning(randomUUID());
    page.decide(POINTS, written, { type: 'EarnPoints', data: { ...e, now: NOW } }, { tenantId: 'p', actor: 't' });
    page.settleGuesses();
    expect([...page.missing.keys()]).toEqual([unwritten]);
    expect(page.writes().map((w) => [w.stream, w.expectedRevision])).toEqual([[written, 'no_stream']]);
  });

  it('when a page does not guess, then a stream it does not know is missing and decides nothing', () => {
    const page = new PageStreams(new KnownStreams(), new Map(), false);
    const stream = pointsStream(randomUUID());
    const e = earning(randomUUID());
    const decided = page.decide(
      POINTS,
      stream,
      { type: 'EarnPoints', data: { ...e, now: NOW } },
      { tenantId: 'p', actor: 't' },
    );
    expect(decided).toBeUndefined();
    expect([...page.missing.keys()]).toEqual([stream]);
    expect(page.writes()).toEqual([]);
  });
});
