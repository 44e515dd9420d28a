import type { MembersDeps } from './deps.js';
import { invitationRoutes } from './invitations/routes.js';
import { memberWebhookSource } from './members/webhooks.js';
import { memberRoutes } from './members/routes.js';
import { membersOpenapi } from './openapi.js';
import { sessionRoutes } from './sessions/routes.js';
import { routersOf } from '../shared/route-routers.js';

/** Members, their sessions, profiles and invitations. */
export const membersHttp = {
  routers: routersOf<MembersDeps>(invitationRoutes, memberRoutes, sessionRoutes),
  webhookSources: [memberWebhookSource],
  openapi: membersOpenapi,
};
