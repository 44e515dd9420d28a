import { givingProjections } from './giving/index.js';
import { membersProjections } from './members/index.js';
import { perksProjections } from './perks/index.js';
import type { Projection } from './projection.js';
import { programsProjection } from './tenancy/programs.js';
import { webhookSubscriptionsProjection } from './webhooks/subscriptions.js';

/** Every read model of the app. */
export const allProjections: readonly Projection[] = [
  programsProjection,
  ...membersProjections,
  webhookSubscriptionsProjection,
  ...perksProjections,
  ...givingProjections,
];
