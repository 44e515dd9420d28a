import { tenancyEvents } from '../../domain/tenancy/events.js';
import { programDecider } from '../../domain/tenancy/program.js';
import { aggregate } from '../shared/aggregate.js';

export const programs = aggregate({ decider: programDecider, events: tenancyEvents, stream: (id) => `program-${id}` });
