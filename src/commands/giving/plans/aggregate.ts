import { planEvents } from '../../../domain/giving/plans/events.js';
import { planDecider } from '../../../domain/giving/plans/plan.js';
import { aggregate } from '../../shared/aggregate.js';
import { planStream } from '../streams.js';

export const plans = aggregate({ decider: planDecider, events: planEvents, stream: planStream });
