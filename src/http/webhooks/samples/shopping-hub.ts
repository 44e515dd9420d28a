import type { TRANSACTION_SOURCES } from '../../../domain/hub/transactions/events.js';
import { flatSamples } from './envelope.js';
import { at, dayAt, DAY, type SampleContext } from './time.js';

/*
 * Seed 004's events with values like the seed's examples. Ids the platform gives
 * come from `ctx.id(n)`; the client's own ids (external ids) are fixed values.
 */

const HUB_EXTERNAL_ID = '654564561';
const CUSTOMER_EXTERNAL_ID = '87316292';

const hub = (ctx: SampleContext) => ({ shoppingHubId: ctx.id(1), shoppingHubExternalId: HUB_EXTERNAL_ID });
const customer = (ctx: SampleContext) => ({ customerId: ctx.id(2), customerExternalId: CUSTOMER_EXTERNAL_ID });

/** "2023-01-15 13:09:00.000000 +00:00", the seed's form for a scanned receipt's time. */
const receiptTime = (ctx: SampleContext, offsetMs: number): string =>
  `${at(ctx, offsetMs).slice(0, 19).replace('T', ' ')}.000000 +00:00`;

/** "2021-04-15 01:02:03.0004", the seed's form for a consent's end. */
const consentTime = (ctx: SampleContext, offsetMs: number): string =>
  `${at(ctx, offsetMs).slice(0, 23).replace('T', ' ')}0`;

/** One of the customer's transactions in EUR, bought and on the statement `daysAgo`, at a store or service. */
const transaction = (
  ctx: SampleContext,
  t: {
    id: number;
    amount: number;
    daysAgo: [purchase: number, statement: number];
    at: [id: number, externalId: string, type: 'store' | 'service'];
    source: (typeof TRANSACTION_SOURCES)[number];
    /** A scanned receipt's id: it made the transaction, two days ago. */
    receipt?: number;
  },
) => ({
  id: ctx.id(t.id),
  amount: t.amount,
  currency: 'EUR',
  purchaseDate: dayAt(ctx, -t.daysAgo[0]),
  dateBankingStatement: dayAt(ctx, -t.daysAgo[1]),
  ...customer(ctx),
  purchaseLocation: { id: ctx.id(t.at[0]), externalId: t.at[1], type: t.at[2] },
  dataProviderType: t.source,
  receiptId: t.receipt === undefined ? null : ctx.id(t.receipt),
  timeOfPurchase: t.receipt === undefined ? null : receiptTime(ctx, -2 * DAY),
});

export const shoppingHubSamples = flatSamples({
  customer_creation: (ctx) => ({
    customerExternalId: CUSTOMER_EXTERNAL_ID,
    customerId: ctx.id(2),
    ...hub(ctx),
  }),

  customer_subscription: (ctx) => ({
    customerExternalId: CUSTOMER_EXTERNAL_ID,
    status: 'creation',
    customerId: ctx.id(2),
    credentialsPreviouslyUsed: false,
    registrationDate: at(ctx),
    transactionsEligibleFromDate: at(ctx, -30 * DAY),
    dataProviderType: 'bank',
    ...hub(ctx),
  }),

  customer_transactions: (ctx) => ({
    transactions: [
      transaction(ctx, { id: 3, amount: -10.53, daysAgo: [3, 1], at: [4, '18289377', 'store'], source: 'bank' }),
      transaction(ctx, {
        id: 5,
        amount: -24.17,
        daysAgo: [2, 1],
        at: [6, '18289514', 'store'],
        source: 'scan',
        receipt: 7,
      }),
      transaction(ctx, { id: 8, amount: -7.9, daysAgo: [1, 0], at: [9, '20417', 'service'], source: 'restaurant' }),
    ],
    ...hub(ctx),
  }),

  receipt_updated: (ctx) => ({
    receiptId: ctx.id(3),
    status: 'rejected',
    ...customer(ctx),
    ...hub(ctx),
    rejectionReason: 'incomplete',
  }),

  cashback_method_updated: (ctx) => ({
    ...customer(ctx),
    status: 'missing',
    ...hub(ctx),
  }),

  bank_connections_update: (ctx) => ({
    customer: { id: ctx.id(2), externalId: CUSTOMER_EXTERNAL_ID, connectionsOn: 0, connectionsOff: 1 },
    connectionsInError: [
      { id: ctx.id(3), errorCode: 'invalidCredentials', errorMessage: 'Invalid User', bank: 'Boursorama' },
    ],
    ...hub(ctx),
  }),

  bank_connections_update_v2: (ctx) => {
    const failing = {
      id: ctx.id(3),
      errorCode: 'invalidCredentials',
      errorMessage: 'Invalid User',
      bank: 'Boursorama',
      transactionsEligibleFromDate: dayAt(ctx, -60),
      consentExpiresAt: consentTime(ctx, 30 * DAY),
    };
    const created = {
      id: ctx.id(4),
      errorCode: null,
      errorMessage: null,
      bank: 'BNP',
      transactionsEligibleFromDate: dayAt(ctx),
      consentExpiresAt: consentTime(ctx, 180 * DAY),
    };
    return {
      eventType: 'create',
      customer: {
        id: ctx.id(2),
        externalId: CUSTOMER_EXTERNAL_ID,
        connectionsOn: 1,
        connectionsOff: 1,
        connections: [failing, created],
      },
      connection: created,
      ...hub(ctx),
    };
  },

  bank_association_notification: (ctx) => ({
    eventType: 'INSERT',
    ...hub(ctx),
    bank: { id: ctx.id(2), name: 'Société Générale', active: true },
  }),

  bank_status_update: (ctx) => ({
    ...hub(ctx),
    bank: { id: ctx.id(2), name: 'Société Générale', active: false },
  }),

  cashbacks_updated: (ctx) => ({
    // One cashback per payload (ambiguity 29): the array is kept.
    cashbacks: [{ status: 'RECEIVED', transferId: '8494514', externalId: 'AEF874113C' }],
    ...customer(ctx),
    ...hub(ctx),
  }),

  store_list_updated: (ctx) => ({
    requestId: ctx.id(2),
    result: 'success',
    ...hub(ctx),
  }),
});
