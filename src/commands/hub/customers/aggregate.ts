import { customerDecider } from '../../../domain/hub/customers/customer.js';
import { customerEvents, identifierClaimEvents } from '../../../domain/hub/customers/events.js';
import { identifierClaimDecider } from '../../../domain/hub/customers/identifier-claim.js';
import { aggregate } from '../../shared/aggregate.js';
import { customerStream, identifierClaimStream } from '../streams.js';

export const customers = aggregate({ decider: customerDecider, events: customerEvents, stream: customerStream });
/** Keyed by the identifier's digest. */
export const identifierClaims = aggregate({
  decider: identifierClaimDecider,
  events: identifierClaimEvents,
  stream: identifierClaimStream,
});
