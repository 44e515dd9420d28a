import { memberWebhookSource } from './members/webhooks.js';
import { membersOpenapi } from './openapi.js';
import { membersRoutes, type MembersDeps } from './routes.js';

/** Members, their sessions, profiles and invitations. */
export const membersHttp = {
  routers: (deps: MembersDeps) => [membersRoutes(deps)],
  webhookSources: [memberWebhookSource],
  openapi: membersOpenapi,
};
