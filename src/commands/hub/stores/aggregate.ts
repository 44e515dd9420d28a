import { storeEvents, storeListEvents } from '../../../domain/hub/stores/events.js';
import { storeDecider } from '../../../domain/hub/stores/store.js';
import { storeListDecider } from '../../../domain/hub/stores/store-list.js';
import { aggregate } from '../../shared/aggregate.js';
import { storeListStream, storeStream } from '../streams.js';

export const storeLists = aggregate({ decider: storeListDecider, events: storeListEvents, stream: storeListStream });
export const stores = aggregate({ decider: storeDecider, events: storeEvents, stream: storeStream });
