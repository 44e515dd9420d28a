import { appendAtomically } from '../../../platform/eventstore/index.js';
import { WrongExpectedRevisionError, type EventStore } from '../../../platform/eventstore/types.js';
import { earnPoints, rewardEntryId } from '../points/earn.js';
import { countOnOffer } from './count.js';
import type { Work } from './engine.js';
import { type KnownStreams, PageStreams, type Known } from './page-streams.js';

/** Writes of one page that another writer keeps beating (two engines on the same page). */
const MAX_CONFLICTS = 20;

/**
 * Decides a page's work in memory and appends all it decides in one write, each stream at the version it was decided
 * on. A stream the engine does not know is first guessed new (the write's `no_stream` proves it) unless the page
 * writes nothing to it; those are read, and the page decided again until none is missing. A stream another writer
 * moved (or a wrong guess) fails the write: its streams are forgotten, the page decided again with every stream it
 * does not know read first, so what another writer counted is not counted twice. Answers how many events it appended.
 */
export async function settlePage(store: EventStore, known: KnownStreams, work: readonly Work[]): Promise<number> {
  if (work.length === 0) return 0;
  const read = new Map<string, Known>();
  for (let conflicts = 0; ;) {
    // Streams not known are guessed new until a write fails: then every one the page needs is read.
    const page = new PageStreams(known, read, conflicts === 0);
    for (const item of work) decide(page, item);
    page.settleGuesses();
    if (page.missing.size > 0) {
      for (const [stream, state] of await known.load(store, page.missing)) read.set(stream, state);
      continue;
    }
    const writes = page.writes();
    if (writes.length === 0) return 0;
    try {
      await appendAtomically(store, writes);
      page.written();
      return writes.reduce((n, w) => n + w.events.length, 0);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || ++conflicts > MAX_CONFLICTS) throw error;
      // Any stream of the write may have moved (a store without atomic writes may have written some of them).
      for (const { stream } of writes) {
        known.forget(stream);
        read.delete(stream);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * conflicts));
    }
  }
}

/**
 * Decides one piece of work on the page's states. A POINTS hub pays a completed reward in points here; a cashback is
 * the cashback process's (contract item 3).
 */
function decide(page: PageStreams, work: Work): void {
  if ('earning' in work) return earnPoints(page, work.earning, work.now);
  const completed = countOnOffer(page, work.counting);
  if (!completed || completed.settlement !== 'points' || completed.rewardValue <= 0) return;
  const { rewardId, rewardValue: value } = completed;
  const { now } = work.counting;
  const entryId = rewardEntryId(rewardId);
  earnPoints(page, { ...work.owner, entryId, value, transactionId: null, rewardId, operationDate: now }, now);
}
