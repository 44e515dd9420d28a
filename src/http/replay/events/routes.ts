import { Router, type Response } from 'express';
import { formatPosition, START, type Position } from '../../../platform/eventstore/position.js';
import type { EventStore } from '../../../platform/eventstore/types.js';
import type { Logger } from '../../../platform/logger.js';
import { PROGRAM_SCHEMES, type Auth } from '../../auth/authenticate.js';
import { programOf } from '../../auth/command-context.js';
import { HttpError } from '../../errors.js';
import { LineWriter, wantsNdjson, type OpenStreams } from '../ndjson.js';
import { eventsQuery, type EventsQuery } from './query.js';
import { StreamSlots } from '../stream-slots.js';
import { lineReader } from './lines.js';
import { pagesUpTo, readPage, wakeUps, type Selection } from './reader.js';
import { wireEvent } from './wire.js';

export interface ReplayDeps {
  readonly store: EventStore;
  readonly auth: Auth;
  readonly logger: Logger;
  readonly metrics: { readonly replayStreams: OpenStreams };
  readonly config: { readonly REPLAY_STREAMS_PER_PROGRAM: number };
}

/** Seconds a client refused a stream waits before trying again. */
const STREAM_RETRY_AFTER_S = 5;

/** Events per read of an NDJSON replay: large enough to amortise a round trip, two of them in memory at most. */
const STREAM_PAGE = 2000;

function selectionOf(programId: string, query: EventsQuery): Selection {
  return {
    filter: { tenantId: programId, categories: query.category, eventTypes: query.type },
    from: query.from,
    since: query.since === undefined ? undefined : new Date(query.since),
    until: query.until === undefined ? undefined : new Date(query.until),
  };
}

async function replayToHead(store: EventStore, sel: Selection, out: LineWriter): Promise<void> {
  const bound = await store.headPosition();
  const read = lineReader(store, sel);
  for await (const page of pagesUpTo(read, sel.from ?? START, bound, STREAM_PAGE, () => out.closed)) {
    await out.writeLines(page.events.map((line) => line.text));
    if (out.closed) return;
  }
}

/** Catches up, then follows new commits; a heartbeat line (with the position to resume from) when nothing came. */
async function follow(store: EventStore, sel: Selection, out: LineWriter, heartbeatMs: number): Promise<void> {
  const wake = wakeUps(store);
  const read = lineReader(store, sel);
  try {
    let from: Position = sel.from ?? START;
    let lastLine = Date.now();
    while (!out.closed) {
      const woken = wake.next();
      const page = await read(from, STREAM_PAGE);
      from = page.next;
      if (page.events.length > 0) {
        await out.writeLines(page.events.map((line) => line.text));
        lastLine = Date.now();
      }
      if (!page.isEnd) continue;
      await out.pause(Math.max(0, heartbeatMs - (Date.now() - lastLine)), woken);
      if (!out.closed && Date.now() - lastLine >= heartbeatMs) {
        await out.write([{ heartbeat: new Date().toISOString(), position: formatPosition(from) }]);
        lastLine = Date.now();
      }
    }
  } finally {
    wake.stop();
  }
}

async function sendPage(store: EventStore, sel: Selection, limit: number, res: Response): Promise<void> {
  const page = await readPage(store, sel, sel.from ?? START, limit);
  res.json({ data: page.events.map(wireEvent), next: formatPosition(page.next), has_more: !page.isEnd });
}

/** `GET /v1/events`: the calling program's own events, as NDJSON (optionally followed) or as JSON pages. */
export function eventsRoutes(deps: ReplayDeps): Router {
  const router = Router();
  const slots = new StreamSlots(deps.config.REPLAY_STREAMS_PER_PROGRAM);
  router.get('/v1/events', deps.auth.authenticate(PROGRAM_SCHEMES), async (req, res) => {
    const query = eventsQuery.parse(req.query);
    const sel = selectionOf(programOf(res), query);
    if (!wantsNdjson(req)) {
      if (query.follow)
        throw new HttpError('invalid_request', 'follow needs Accept: application/x-ndjson', [
          { field: 'follow', message: 'only with Accept: application/x-ndjson' },
        ]);
      await sendPage(deps.store, sel, query.limit, res);
      return;
    }
    const release = slots.take(programOf(res));
    if (!release)
      throw new HttpError(
        'too_many_requests',
        `this program already holds ${deps.config.REPLAY_STREAMS_PER_PROGRAM} replay streams open; close one first`,
        [],
        { 'Retry-After': String(STREAM_RETRY_AFTER_S) },
      );
    res.on('close', release);
    const out = new LineWriter(res, deps.metrics.replayStreams);
    try {
      if (query.follow) await follow(deps.store, sel, out, query.heartbeat_seconds * 1000);
      else await replayToHead(deps.store, sel, out);
    } catch (error) {
      // The status line is gone: a broken stream is all the client can be told.
      deps.logger.warn({ err: error, requestId: res.locals.requestId }, 'replay stopped by an error');
      res.destroy(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    out.end();
  });
  return router;
}
