import { z } from 'zod';
import { aggregateEvents, type EventOf } from '../../shared/events.js';
import { claimEventSchemas } from '../../shared/unique-claim.js';
import { REGISTRATION_TYPES } from '../hubs/events.js';

export const ORIGINS = ['email', 'iOS-app', 'Android-app', 'website', 'desk'] as const;
export const GENDERS = ['M', 'F'] as const;

export const optinValue = z.object({ code: z.string(), value: z.boolean() });
export type OptinValue = z.infer<typeof optinValue>;

/**
 * What a customer says of themselves that is not personal (the personal fields travel sealed under the customer's own
 * data key, in `personal`).
 */
export const customerProfile = z.object({
  customerExternalId: z.string().nullable(),
  countryCode: z.number().int().nullable(),
  gender: z.enum(GENDERS).nullable(),
  familyStatus: z.string().nullable(),
  preferredLanguage: z.string().nullable(),
  outsideOptIn: z.boolean(),
});
export type CustomerProfile = z.infer<typeof customerProfile>;

export const DATA_PROVIDER_TYPES = ['bank', 'restaurant', 'scan'] as const;
export type DataProviderType = (typeof DATA_PROVIDER_TYPES)[number];

/** How a customer gives their purchases: a bank or meal-voucher connection, or a scanned receipt. */
const paymentMethod = {
  dataProviderType: z.enum(DATA_PROVIDER_TYPES),
  /** The connection (or receipt) that brought it: the same one twice is one method. */
  sourceId: z.string(),
  /** The provider's credentials were linked before in this hub (ambiguity 31). */
  credentialsPreviouslyUsed: z.boolean(),
};

const customer = aggregateEvents('customerId', ['hubId', 'programId']);

export const customerEvents = {
  CustomerRegistrationStarted: customer.opening({
    profile: customerProfile,
    /** Names, email, phone, birth date, postal code: AES-256-GCM under the customer's data key. */
    personal: z.string(),
    origin: z.enum(ORIGINS).nullable(),
    referer: z.string().nullable(),
    optins: z.array(optinValue),
    referralCode: z.string(),
    referredBy: z.string().nullable(),
    registrationDate: z.string(),
    transactionsEligibleFromDate: z.string(),
  }),
  CustomerProfileUpdated: customer.event({
    changes: customerProfile.partial(),
    /** The whole personal record after the change, sealed again; absent when no personal field changed. */
    personal: z.string().optional(),
    updatedAt: z.string(),
  }),
  CustomerOptinsUpdated: customer.event({
    registrationType: z.enum(REGISTRATION_TYPES),
    optins: z.array(optinValue),
    updatedAt: z.string(),
  }),
  /** The scrypt hash, sealed under the customer's data key. */
  CustomerPasswordSet: customer.event({ password: z.string(), setAt: z.string() }),
  CustomerPasswordChanged: customer.event({ password: z.string(), changedAt: z.string() }),
  CustomerPasswordLocked: customer.event({ lockedAt: z.string() }),
  CustomerPasswordUnlocked: customer.event({ unlockedAt: z.string() }),
  PasswordEmailSent: customer.event({ sentAt: z.string() }),
  TemporaryCodeSent: customer.event({ sentAt: z.string() }),
  TemporaryCodeVerified: customer.event({ verifiedAt: z.string() }),
  CustomerActionTracked: customer.event({
    eventName: z.string(),
    value: z.string().nullable(),
    trackedAt: z.string(),
  }),
  CustomerDeleted: customer.event({ by: z.enum(['customer', 'program']), deletedAt: z.string() }),
  /** The registration completed by its first method (customer_subscription `creation`). */
  CustomerSubscribed: customer.event({ ...paymentMethod, subscribedAt: z.string() }),
  /** A later method of a subscribed customer (customer_subscription `update`). */
  CustomerPaymentMethodLinked: customer.event({ ...paymentMethod, linkedAt: z.string() }),
  /** postFavoriteAccount: the account sealed with the platform's secret box, and what may be shown of it. */
  FavoriteAccountSet: customer.event({
    account: z.string(),
    display: z.object({
      iban: z.string().nullable(),
      sortCode: z.string().nullable(),
      accountNumber: z.string().nullable(),
    }),
    last4: z.string(),
    setAt: z.string(),
  }),
  /** A cashback waits for an account, or the provider refused the one given: once per gap (flow 3.7). */
  CashbackMethodMissing: customer.event({
    reason: z.enum(['noAccount', 'accountRefused']),
    at: z.string(),
  }),
  CashbackMethodRetrieved: customer.event({ at: z.string() }),
};
export type CustomerEvent = EventOf<typeof customerEvents>;

/** An email, a phone or an external id that one live customer of a hub holds (keyed by a digest, never the value). */
export const identifierClaimEvents = claimEventSchemas('CustomerIdentifier', 'digest', 'customerId');
