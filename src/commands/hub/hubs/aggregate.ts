import { hostClaimEvents, hubEvents } from '../../../domain/hub/hubs/events.js';
import { hostClaimDecider } from '../../../domain/hub/hubs/host-claim.js';
import { hubDecider } from '../../../domain/hub/hubs/hub.js';
import { aggregate } from '../../shared/aggregate.js';
import { hostClaimStream, hubStream } from '../streams.js';

export const hubs = aggregate({ decider: hubDecider, events: hubEvents, stream: hubStream });
/** Keyed by the host: its claim stream is shared by every program. */
export const hostClaims = aggregate({ decider: hostClaimDecider, events: hostClaimEvents, stream: hostClaimStream });
