import { membersProjection } from './members/members.js';
import type { Projection } from './projection.js';
import { programsProjection } from './tenancy/programs.js';

/** Every read model of the app. */
export const allProjections: readonly Projection[] = [programsProjection, membersProjection];
