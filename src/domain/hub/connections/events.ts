import { z } from 'zod';
import { aggregateEvents, type EventOf } from '../../shared/events.js';
import { CARD_TYPES } from '../banks/events.js';

/** The errors a bank data provider reports on a connection (the seed's bank_connections_update codes). */
export const CONNECTION_ERROR_CODES = ['psd2ConnectionInvalid', 'psd2ConnectionExpired', 'invalidCredentials'] as const;
export type ConnectionErrorCode = (typeof CONNECTION_ERROR_CODES)[number];

/**
 * The `state` handed out with a bank's connectUrl, one stream per state named by its SHA-256 digest (the
 * value itself is never stored): bound to one customer of one hub and one bank, used once.
 */
export const connectStateEvents = {
  BankConnectStateIssued: z.object({
    hubId: z.string(),
    customerId: z.string(),
    bankId: z.string(),
    /** Set when the state re-authorises that connection; null for a new one. */
    connectionId: z.string().nullable(),
    issuedAt: z.string(),
    expiresAt: z.string(),
  }),
  BankConnectStateUsed: z.object({ usedAt: z.string() }),
};
export type ConnectStateEvent = EventOf<typeof connectStateEvents>;

/** A bank's or a card's connection: both are on `connection-` streams. */
const connection = aggregateEvents('connectionId', ['hubId', 'programId']);

/** A sync of a connection's feed (a bank's or a card's) up to `cursor`, and how many purchases it imported. */
const connectionSynced = connection.event({
  cursor: z.string(),
  imported: z.number().int().nonnegative(),
  syncedAt: z.string(),
});

/** A connection (a bank's or a card's) deleted, and by whom. */
const connectionDeleted = connection.event({
  by: z.enum(['customer', 'program', 'platform']),
  deletedAt: z.string(),
});

export const connectionEvents = {
  BankConnectionCreated: connection.opening({
    customerId: z.string(),
    bankId: z.string(),
    providerCode: z.string(),
    /** The provider's own id for the connection, which its feed is read by. */
    providerConnectionId: z.string(),
    /** SHA-256 of the hub, provider and the provider's credentials fingerprint: never the fingerprint itself. */
    credentialsDigest: z.string(),
    dataProviderType: z.enum(CARD_TYPES),
    /** ISO 8601: purchases before that day never match (ambiguity 22). */
    transactionsEligibleFromDate: z.string(),
    consentExpiresAt: z.string().nullable(),
    /** The provider's credentials fingerprint was linked before in this hub (ambiguity 31). */
    credentialsPreviouslyUsed: z.boolean(),
    createdAt: z.string(),
  }),
  /** A sync read the provider's feed up to `cursor` (its position, not a date: decision 39). */
  BankConnectionSynced: connectionSynced,
  BankConnectionDesynchronized: connection.event({
    errorCode: z.enum(CONNECTION_ERROR_CODES),
    errorMessage: z.string(),
    desynchronizedAt: z.string(),
  }),
  BankConnectionResynchronized: connection.event({
    /** Set when a re-authorisation gave a new consent (and possibly a new provider connection). */
    providerConnectionId: z.string().nullable(),
    consentExpiresAt: z.string().nullable(),
    resynchronizedAt: z.string(),
  }),
  BankConnectionDeleted: connectionDeleted,
};
export type ConnectionEvent = EventOf<typeof connectionEvents>;

/** A card linked for card-linked offers (CardLinking port), on the same `connection-` stream category. */
export const cardConnectionEvents = {
  CardConnectionLinked: connection.opening({
    customerId: z.string(),
    providerCode: z.string(),
    providerCardId: z.string(),
    last4: z.string(),
    transactionsEligibleFromDate: z.string(),
    linkedAt: z.string(),
  }),
  /** A sync read the card's feed at the card-linking provider up to `cursor` (as BankConnectionSynced). */
  CardConnectionSynced: connectionSynced,
  CardConnectionDeleted: connectionDeleted,
};
export type CardConnectionEvent = EventOf<typeof cardConnectionEvents>;
