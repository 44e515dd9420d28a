import type { MembersDeps } from './deps.js';
import { invitationRoutes } from './invitations/routes.js';
import { memberWebhookSource } from './members/webhooks.js';
import { memberRoutes } from './members/routes.js';
import { membersOpenapi } from './openapi.js';
import { sessionRoutes } from './sessions/routes.js';

/** Members, their sessions, profiles and invitations. */
export const membersHttp = {
  routers: (deps: MembersDeps) => [invitationRoutes(deps), memberRoutes(deps), sessionRoutes(deps)],
  webhookSources: [memberWebhookSource],
  openapi: membersOpenapi,
};
