import { sha256Hex } from '../../platform/crypto.js';
import { seededUuid } from '../ids.js';

/* Every stream name of the hub context: a stream's name is stored with its events, so these never change. */

/** A program runs at most one hub: its id derives from the program's, so a second creation meets the first. */
export const hubIdOf = (programId: string): string => seededUuid('goodstream:hub', programId);

export const hubStream = (hubId: string): string => `hub-${hubId}`;

/** One stream per host, across every program: its existence is the uniqueness check. */
export const hostClaimStream = (host: string): string => `hubhost-${sha256Hex(host.trim().toLowerCase()).slice(0, 40)}`;

export const customerStream = (customerId: string): string => `customer-${customerId}`;

/** One stream per (hub, kind, value), named by a digest: the value itself is never in a stream name or an event. */
export const identifierDigest = (hubId: string, kind: 'email' | 'phone' | 'externalId', value: string): string =>
  sha256Hex(`${hubId}\n${kind}\n${value}`);
export const identifierClaimStream = (digest: string): string => `hubcustomerid-${digest.slice(0, 40)}`;

export const storeListStream = (requestId: string): string => `storelist-${requestId}`;

/** A store's id derives from its hub and its externalId, so every list of the hub names the same store. */
export const storeIdOf = (hubId: string, externalId: string): string =>
  seededUuid('goodstream:hubstore', hubId, externalId);
export const storeStream = (storeId: string): string => `store-${storeId}`;

/** A provider transaction's id derives from its connection and the provider's id: a re-import meets its stream. */
export const transactionIdOf = (connectionId: string, providerTransactionId: string): string =>
  seededUuid('goodstream:hubtransaction', connectionId, providerTransactionId);
export const transactionStream = (transactionId: string): string => `transaction-${transactionId}`;

/** A push batch is named by its hub and first transaction: two pushers of one batch meet on its stream. */
export const pushBatchIdOf = (hubId: string, firstTransactionId: string): string =>
  seededUuid('goodstream:hubpush', hubId, firstTransactionId);
export const pushStream = (batchId: string): string => `transactionpush-${batchId}`;

export const receiptStream = (receiptId: string): string => `receipt-${receiptId}`;
export const claimStream = (claimId: string): string => `claim-${claimId}`;
/** The transaction a validated receipt (or a claim validated without a debit) makes: one per source, ever. */
export const scanTransactionIdOf = (sourceId: string): string => seededUuid('goodstream:hubscantransaction', sourceId);

/** A customer's n-th occurrence of an offer: replays and two engines name the same reward (issue 24). */
export const rewardIdOf = (customerId: string, offerId: string, occurrence: number): string =>
  seededUuid('goodstream:hubreward', customerId, offerId, String(occurrence));
export const rewardStream = (rewardId: string): string => `reward-${rewardId}`;

export const offerStream = (offerId: string): string => `offer-${offerId}`;

/** The whole offer's completions and paid value, appended at its expected revision so capping is exact. */
export const offerTotalStream = (offerId: string): string => `offertotal-${offerId}`;

/** The customer's points ledger: its fold is the balance, so a spend is decided against it. */
export const pointsStream = (customerId: string): string => `points-${customerId}`;

/** A customer's progress across occurrences of one offer (counted transactions, completions, paid value). */
export const offerProgressStream = (customerId: string, offerId: string): string =>
  `rewardprogress-${seededUuid('goodstream:hubrewardprogress', customerId, offerId)}`;

/** A reward pays at most one cashback: its id derives from the reward's (contract item 1). */
export const cashbackIdOfReward = (rewardId: string): string => seededUuid('goodstream:hubcashback', rewardId);
/** postCashback is idempotent by the hub's externalId: a repeat meets the first cashback's stream. */
export const cashbackIdOfExternal = (hubId: string, externalId: string): string =>
  seededUuid('goodstream:hubcashbackext', hubId, externalId);
export const cashbackStream = (cashbackId: string): string => `cashback-${cashbackId}`;
