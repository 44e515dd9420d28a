import { z } from 'zod';
import { nullableText, shoppingHubIds } from './common.js';

/*
 * Seed 004's bank events. The seed lists the shopping hub ids under the bank
 * object of bank_association_notification and bank_status_update, but its
 * examples put them at the top level: the examples win.
 */

/** The customer of bank_connections_update (both versions): its ids and how many of its connections work. */
const customerConnections = {
  id: z.string(),
  externalId: z.string(),
  connectionsOn: z.number().int().nonnegative(),
  connectionsOff: z.number().int().nonnegative(),
};

/** bank_connections_update: the connections in error. */
export const connectionInError = z.strictObject({
  id: z.string(),
  /** From the data provider, e.g. "invalidCredentials", "psd2ConnectionExpired". */
  errorCode: z.string(),
  errorMessage: z.string(),
  bank: z.string(),
});

export const bankConnectionsUpdate = z.strictObject({
  event: z.literal('bank_connections_update'),
  customer: z.strictObject(customerConnections),
  connectionsInError: z.array(connectionInError),
  ...shoppingHubIds,
});

/** bank_connections_update_v2's connection object: errors are null when it works. */
export const bankConnection = z.strictObject({
  id: z.string(),
  errorCode: nullableText,
  errorMessage: nullableText,
  bank: z.string(),
  /** "2021-01-03" */
  transactionsEligibleFromDate: z.string(),
  /** "2021-04-15 01:02:03.0004"; optional in the seed. */
  consentExpiresAt: z.string().optional(),
});

export const bankConnectionsUpdateV2 = z.strictObject({
  event: z.literal('bank_connections_update_v2'),
  eventType: z.enum(['create', 'update', 'delete']),
  customer: z.strictObject({ ...customerConnections, connections: z.array(bankConnection) }),
  /** The connection that triggered the event. */
  connection: bankConnection,
  ...shoppingHubIds,
});

export const bank = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** false: listed but not selectable by the end user. */
  active: z.boolean(),
});

export const bankAssociationNotification = z.strictObject({
  event: z.literal('bank_association_notification'),
  eventType: z.enum(['INSERT', 'DELETE']),
  ...shoppingHubIds,
  bank,
});

export const bankStatusUpdate = z.strictObject({
  event: z.literal('bank_status_update'),
  ...shoppingHubIds,
  bank,
});
