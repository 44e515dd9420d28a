import { customerDecider, type CustomerState } from '../../../domain/hub/customers/customer.js';
import { customerEvents } from '../../../domain/hub/customers/events.js';
import type { EventStore } from '../../../platform/eventstore/types.js';
import { foldStream } from '../../fold-stream.js';
import { customerStream } from '../streams.js';

export async function loadCustomer(store: EventStore, customerId: string): Promise<CustomerState> {
  return (await foldStream(store, customerDecider, customerEvents, customerStream(customerId))).state;
}
