import { pointsEvents } from '../../../domain/hub/points/events.js';
import { pointsDecider } from '../../../domain/hub/points/points.js';
import { aggregate } from '../../shared/aggregate.js';
import { pointsStream } from '../streams.js';

/** A customer's points ledger, `points-<customerId>`. */
export const points = aggregate({ decider: pointsDecider, events: pointsEvents, stream: pointsStream });
