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
