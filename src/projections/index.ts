import { membersProjection } from './members/members.js';
import type { Projection } from './projection.js';
import { programsProjection } from './tenancy/programs.js';
import { webhookSubscriptionsProjection } from './webhooks/subscriptions.js';

/** Every read model of the app. */
export const allProjections: readonly Projection[] = [programsProjection, membersProjection, webhookSubscriptionsProjection];
