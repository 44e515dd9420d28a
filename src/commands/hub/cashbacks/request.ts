import { sha256Hex } from '../../../platform/crypto.js';
import type { Position } from '../../../platform/eventstore/position.js';
import type { BankAccount } from '../../../domain/hub/cashbacks/favorite-account.js';
import type { CommandContext } from '../../shared/command.js';
import { cashbackIdOfExternal, cashbackIdOfReward } from '../streams.js';
import { CASHBACKS_ACTOR, cashbacks, loadCashback, sealAccount, type CashbackDeps } from './aggregate.js';

/** postCashback's body, its customer resolved and its amount in minor units. */
export interface ProgramCashback {
  readonly hubId: string;
  readonly customerId: string;
  readonly externalId: string;
  readonly ownerInfo: { readonly firstName: string; readonly lastName: string; readonly address: string };
  readonly amount: number;
  readonly currency: string;
  readonly label: string;
  readonly account: BankAccount | null;
}

/** The body's fields as the 409 names them, each digested with the hub (a digest, never the value, in the event). */
export function fingerprintOf(input: ProgramCashback): Record<string, string> {
  const fields: Record<string, string> = {
    customerId: input.customerId,
    'ownerInfo.firstName': input.ownerInfo.firstName,
    'ownerInfo.lastName': input.ownerInfo.lastName,
    'ownerInfo.address': input.ownerInfo.address,
    'transferInfo.amount': String(input.amount),
    'transferInfo.currency': input.currency,
    'transferInfo.label': input.label,
    'transferInfo.iban': input.account === null ? '' : JSON.stringify(input.account),
  };
  return Object.fromEntries(
    Object.entries(fields).map(([field, value]) => [field, sha256Hex(`${input.hubId}\n${field}\n${value}`)]),
  );
}

export interface Requested {
  readonly cashbackId: string;
  /** False when the externalId named a cashback already: `differing` then lists the fields that differ. */
  readonly created: boolean;
  readonly differing: readonly string[];
  readonly position: Position | undefined;
}

/**
 * postCashback: one cashback per (hub, externalId), appended with no_stream. A repeat finds the first one and says
 * which fields of its body differ (none: the same request, answered as the first one was).
 */
export async function requestProgramCashback(
  deps: CashbackDeps,
  input: ProgramCashback,
  context: CommandContext,
): Promise<Requested> {
  const box = await deps.box();
  const cashbackId = cashbackIdOfExternal(input.hubId, input.externalId);
  const fingerprint = fingerprintOf(input);
  const result = await cashbacks.run(deps, cashbackId, context, ({ programId, now }) => ({
    type: 'RequestCashback' as const,
    data: {
      cashbackId,
      hubId: input.hubId,
      programId,
      customerId: input.customerId,
      origin: 'program' as const,
      rewardId: null,
      externalId: input.externalId,
      amount: input.amount,
      currency: input.currency,
      label: input.label,
      ownerInfo: box.seal(JSON.stringify(input.ownerInfo)),
      account: input.account === null ? null : sealAccount(box, input.account),
      fingerprint,
      now,
    },
  }));
  if (result.events.length > 0) return { cashbackId, created: true, differing: [], position: result.position };
  const first = result.state.status === 'none' ? {} : result.state.requested.fingerprint;
  const differing = Object.keys(fingerprint).filter((field) => first[field] !== fingerprint[field]);
  return { cashbackId, created: false, differing, position: undefined };
}

/** RewardCompleted's fields the cashback needs (contract item 2). */
export interface CompletedReward {
  readonly rewardId: string;
  readonly hubId: string;
  readonly programId: string;
  readonly customerId: string;
  readonly offerId: string;
  readonly rewardValue: number;
  readonly currency: string;
}

/** A completed RFND reward of a CASHBACK hub pays one cashback, on a stream named by the reward (contract item 3). */
export async function requestRewardCashback(deps: CashbackDeps, reward: CompletedReward): Promise<boolean> {
  const cashbackId = cashbackIdOfReward(reward.rewardId);
  const context = { tenantId: reward.programId, actor: CASHBACKS_ACTOR, causationId: reward.rewardId };
  const result = await cashbacks.run(deps, cashbackId, context, ({ now }) => ({
    type: 'RequestCashback' as const,
    data: {
      cashbackId,
      hubId: reward.hubId,
      programId: reward.programId,
      customerId: reward.customerId,
      origin: 'reward' as const,
      rewardId: reward.rewardId,
      externalId: null,
      amount: reward.rewardValue,
      currency: reward.currency,
      label: `Reward ${reward.offerId}`,
      ownerInfo: null,
      account: null,
      fingerprint: {},
      now,
    },
  }));
  return result.events.length > 0;
}

/**
 * Before a list stores anything: the fields of `input` that differ from the cashback its externalId names already,
 * or null when there is none yet.
 */
export async function differingFromExisting(
  deps: Pick<CashbackDeps, 'store'>,
  input: ProgramCashback,
): Promise<string[] | null> {
  const { state } = await loadCashback(deps.store, cashbackIdOfExternal(input.hubId, input.externalId));
  if (state.status === 'none') return null;
  const fingerprint = fingerprintOf(input);
  return Object.keys(fingerprint).filter((field) => state.requested.fingerprint[field] !== fingerprint[field]);
}
