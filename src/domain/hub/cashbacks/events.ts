import { z } from 'zod';
import { aggregateEvents, type EventOf } from '../../shared/events.js';

/** Who asked for the cashback: the program (postCashback) or a completed RFND reward (flow 3.6). */
export const CASHBACK_ORIGINS = ['program', 'reward'] as const;
export type CashbackOrigin = (typeof CASHBACK_ORIGINS)[number];

/** Why a cashback ends REJECTED: the payout kept being refused, or the customer was deleted before it was paid. */
export const REJECTION_REASONS = ['paymentRefused', 'customerDeleted'] as const;

const cashback = aggregateEvents('cashbackId', ['hubId', 'programId']);

/**
 * One cashback, on `cashback-<id>` where the id derives from the reward (`cashbackIdOfReward`) or from the hub and the
 * program's externalId (`cashbackIdOfExternal`): a replayed reward or a repeated postCashback meets its stream.
 * Money is integer minor units; the account travels sealed (the platform's secret box), shown by its last 4 only.
 */
export const cashbackEvents = {
  CashbackRequested: cashback.opening({
    customerId: z.string(),
    origin: z.enum(CASHBACK_ORIGINS),
    rewardId: z.string().nullable(),
    externalId: z.string().nullable(),
    amount: z.number().int().positive(),
    currency: z.string(),
    label: z.string(),
    /** postCashback's `ownerInfo`, sealed; null for a reward's cashback. */
    ownerInfo: z.string().nullable().default(null),
    /** postCashback's `transferInfo.iban`, sealed: it wins over the favorite account (ambiguity 12). */
    account: z.string().nullable().default(null),
    /** One digest per field of the program's body: a repeat with another body names the fields that differ. */
    fingerprint: z.record(z.string(), z.string()).default({}),
    requestedAt: z.string(),
  }),
  /** No account to pay to: the cashback waits for the favorite account (flow 3.7). */
  CashbackHeld: cashback.event({ heldAt: z.string() }),
  /** Decided before the payout port is called, at the stream's expected revision: one submission per attempt. */
  CashbackSubmitted: cashback.event({
    attempt: z.number().int().positive(),
    /** What the port is called with: a second call with it (a crash, a retry) pays nothing twice. */
    idempotencyKey: z.string(),
    /** The account paid to, sealed, so a retried call names the same one. */
    account: z.string(),
    accountLast4: z.string(),
    submittedAt: z.string(),
  }),
  CashbackSucceeded: cashback.event({
    attempt: z.number().int().positive(),
    transferId: z.string(),
    succeededAt: z.string(),
  }),
  CashbackFailed: cashback.event({
    attempt: z.number().int().positive(),
    transferId: z.string().nullable(),
    reason: z.string(),
    /** When the next try is due, or null when none is left (a CashbackRejected follows). */
    retryAt: z.string().nullable(),
    failedAt: z.string(),
  }),
  CashbackReceived: cashback.event({ transferId: z.string(), receivedAt: z.string() }),
  CashbackRejected: cashback.event({
    reason: z.enum(REJECTION_REASONS),
    rejectedAt: z.string(),
  }),
};
export type CashbackEvent = EventOf<typeof cashbackEvents>;
export type CashbackRequestedData = z.output<typeof cashbackEvents.CashbackRequested>;
