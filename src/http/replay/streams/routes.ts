import { Router } from 'express';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import { PROGRAM_SCHEMES } from '../../auth/authenticate.js';
import { programOf } from '../../auth/command-context.js';
import { HttpError } from '../../errors.js';
import type { ReplayDeps } from '../events/routes.js';
import { STREAM_NAME, streamQuery } from '../events/query.js';
import { wireEvent } from '../events/wire.js';
import { LineWriter, wantsNdjson } from '../ndjson.js';

const notFound = (): HttpError => new HttpError('not_found', 'no such stream for this program');

/** Pages of a stream's events, the program's own only. */
async function* streamPages(
  deps: ReplayDeps,
  stream: string,
  programId: string,
  fromRevision: bigint,
  pageSize: number,
): AsyncGenerator<RecordedEvent[]> {
  let from = fromRevision;
  for (;;) {
    const events = await deps.store.readStream(stream, { fromRevision: from, maxCount: pageSize });
    const own = events.filter((event) => event.metadata.tenantId === programId);
    if (own.length > 0) yield own;
    if (events.length < pageSize) return;
    from = events.at(-1)!.revision + 1n;
  }
}

/** `GET /v1/streams/:stream`: one stream's history, when the stream is the calling program's. */
export function streamsRoutes(deps: ReplayDeps): Router {
  const router = Router();
  router.get('/v1/streams/:stream', deps.auth.authenticate(PROGRAM_SCHEMES), async (req, res) => {
    const stream = String(req.params.stream);
    if (!STREAM_NAME.test(stream)) throw notFound();
    const query = streamQuery.parse(req.query);
    const programId = programOf(res);
    // Whose stream it is, from its first event: another program's stream is not found, as a missing one.
    const [first] = await deps.store.readStream(stream, { maxCount: 1 });
    if (first?.metadata.tenantId !== programId) throw notFound();
    if (!wantsNdjson(req)) {
      const events = await deps.store.readStream(stream, {
        fromRevision: BigInt(query.from_revision),
        maxCount: query.limit + 1,
      });
      const own = events.filter((event) => event.metadata.tenantId === programId);
      const page = own.slice(0, query.limit);
      const more = events.length > query.limit;
      res.json({
        data: page.map(wireEvent),
        next_revision: more ? Number(events[query.limit]!.revision) : null,
      });
      return;
    }
    const out = new LineWriter(res, deps.metrics.replayStreams);
    for await (const events of streamPages(deps, stream, programId, BigInt(query.from_revision), 1000)) {
      await out.write(events.map(wireEvent));
      if (out.closed) return;
    }
    out.end();
  });
  return router;
}
