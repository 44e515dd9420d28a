import type { Knex } from 'knex';
import { customerKeys, NO_PERSONAL, openPersonal, type Personal } from '../../../commands/hub/customers/personal.js';
import { customerEvents, type CustomerEvent } from '../../../domain/hub/customers/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import type { Projection } from '../../projection.js';
import { applyByType, changeRow, insertOnce, type EventHandlers } from '../../shared/handlers.js';
import { columnsOf } from '../../shared/columns.js';

export const HUB_CUSTOMERS_PROJECTION = 'hub-customers';
const TABLE = 'rm_hub_customers';

const bump = (
  trx: Knex.Transaction,
  id: string,
  event: RecordedEvent,
  at: string,
  changes: Record<string, unknown> = {},
) => changeRow(trx, TABLE, id, event, { ...changes, updated_at: at });

/** The personal columns, opened with the customer's data key: all null once the key is destroyed. */
const personalColumns = (p: Personal) => ({
  first_name: p.firstName,
  last_name: p.lastName,
  email: p.email,
  phone_number: p.phoneNumber,
  birth_date: p.birthDate,
  postal_code: p.postalCode,
});
const opened = async (trx: Knex.Transaction, customerId: string, sealed: string) =>
  personalColumns(openPersonal(await customerKeys.find(trx, customerId), customerId, sealed));

const handlers: EventHandlers<CustomerEvent> = {
  CustomerRegistrationStarted: async (trx, d, event) =>
    insertOnce(trx, TABLE, 'id', event, {
      id: d.customerId,
      hub_id: d.hubId,
      program_id: d.programId,
      ...columnsOf(d.profile),
      ...(await opened(trx, d.customerId, d.personal)),
      origin: d.origin,
      referer: d.referer,
      optins: JSON.stringify({ SCR: d.optins }),
      referral_code: d.referralCode,
      referred_by: d.referredBy,
      status: 'registering',
      registration_date: d.registrationDate,
      transactions_eligible_from: d.transactionsEligibleFromDate,
      created_at: d.registrationDate,
      updated_at: d.registrationDate,
    }),
  CustomerProfileUpdated: async (trx, d, event) =>
    bump(trx, d.customerId, event, d.updatedAt, {
      ...columnsOf(d.changes),
      ...(d.personal !== undefined ? await opened(trx, d.customerId, d.personal) : {}),
    }),
  CustomerOptinsUpdated: (trx, d, event) =>
    bump(trx, d.customerId, event, d.updatedAt, {
      optins: trx.raw('jsonb_set(optins, ?, ?::jsonb)', [`{${d.registrationType}}`, JSON.stringify(d.optins)]),
    }),
  CustomerPasswordSet: (trx, d, event) => bump(trx, d.customerId, event, d.setAt, { has_password: true }),
  CustomerPasswordChanged: (trx, d, event) => bump(trx, d.customerId, event, d.changedAt, { has_password: true }),
  CustomerPasswordLocked: (trx, d, event) => bump(trx, d.customerId, event, d.lockedAt, { password_locked: true }),
  CustomerPasswordUnlocked: (trx, d, event) => bump(trx, d.customerId, event, d.unlockedAt, { password_locked: false }),
  PasswordEmailSent: (trx, d, event) => bump(trx, d.customerId, event, d.sentAt),
  TemporaryCodeSent: (trx, d, event) => bump(trx, d.customerId, event, d.sentAt),
  TemporaryCodeVerified: (trx, d, event) => bump(trx, d.customerId, event, d.verifiedAt),
  CustomerActionTracked: (trx, d, event) => bump(trx, d.customerId, event, d.trackedAt),
  // The first method decides the customer's dataProviderType; a later one leaves it.
  CustomerSubscribed: (trx, d, event) =>
    bump(trx, d.customerId, event, d.subscribedAt, { status: 'subscribed', data_provider_type: d.dataProviderType }),
  CustomerPaymentMethodLinked: (trx, d, event) => bump(trx, d.customerId, event, d.linkedAt),
  // The cashback side's events (issue 24): the row keeps the stream's revision; `cashback_method` is the cashbacks
  // projection's (src/projections/hub/cashbacks), under its own version.
  FavoriteAccountSet: (trx, d, event) => bump(trx, d.customerId, event, d.setAt),
  CashbackMethodMissing: (trx, d, event) => bump(trx, d.customerId, event, d.at),
  CashbackMethodRetrieved: (trx, d, event) => bump(trx, d.customerId, event, d.at),
  /** Erasure: the row stays for counts and ids, every personal column is blanked. */
  CustomerDeleted: (trx, d, event) =>
    bump(trx, d.customerId, event, d.deletedAt, {
      ...personalColumns(NO_PERSONAL),
      customer_external_id: null,
      referer: null,
      status: 'deleted',
      has_password: false,
      deleted_at: d.deletedAt,
    }),
};

export const customersProjection: Projection = {
  name: HUB_CUSTOMERS_PROJECTION,
  version: 1,
  eventTypes: Object.keys(handlers),
  tables: [TABLE],
  apply: applyByType(customerEvents, handlers),
};
