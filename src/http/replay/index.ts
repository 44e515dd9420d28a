import { eventsRoutes, type ReplayDeps } from './events/routes.js';
import { replayOpenapi } from './openapi.js';
import { streamsRoutes } from './streams/routes.js';
import { routersOf } from '../shared/route-routers.js';

/** Programs replay their own events: the log (`/v1/events`) and one stream (`/v1/streams/:stream`). */
export const replayHttp = {
  routers: routersOf<ReplayDeps>(eventsRoutes, streamsRoutes),
  webhookSources: [],
  openapi: replayOpenapi,
};
