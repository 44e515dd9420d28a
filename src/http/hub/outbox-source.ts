import { listOutbox } from '../../commands/hub/ports/messaging.js';
import type { OutboxSource } from '../outbox/sources.js';

/** The hub's sandbox SMS and emails for the platform's outbox. */
export const hubOutbox: OutboxSource = {
  list: (knex, filter, limit) => listOutbox(knex, filter, { offset: 0, limit }),
};
