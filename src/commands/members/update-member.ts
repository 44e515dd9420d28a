import { emailClaimDecider } from '../../domain/members/email-claim.js';
import { emailClaimEvents, memberEvents, type ProfileChanges, type SubscriptionPlan } from '../../domain/members/events.js';
import { memberDecider } from '../../domain/members/member.js';
import type { EventStore } from '../../platform/eventstore/types.js';
import { handleCommand, type CommandContext, type CommandResult } from '../handle.js';
import { emailClaimStream, memberStream } from './register-member.js';

export interface UpdateMemberInput {
  readonly changes: ProfileChanges;
  /** M or Y subscribe (or change plan), X stops the subscription and nothing else changes. */
  readonly subscription?: SubscriptionPlan | 'X';
  /** Minor units per period. */
  readonly amount?: number;
  readonly currency: string;
}

type Result = CommandResult<ReturnType<typeof memberDecider.initialState>>;

async function stop(store: EventStore, memberId: string, context: CommandContext, expectedVersion: bigint | undefined, now: Date): Promise<Result> {
  const command = { type: 'StopSubscription' as const, data: { now: now.toISOString() } };
  return handleCommand(store, memberDecider, memberEvents, memberStream(memberId), command, context, { expectedVersion });
}

/**
 * A profile PATCH. A new email is claimed before the change and the old one
 * released after it; if the change itself is refused, the new claim is released.
 */
export async function updateMember(
  store: EventStore,
  memberId: string,
  input: UpdateMemberInput,
  context: CommandContext,
  options: { expectedVersion?: bigint; currentEmail: string },
  now: Date = new Date(),
): Promise<Result> {
  if (input.subscription === 'X') return stop(store, memberId, context, options.expectedVersion, now);
  const at = now.toISOString();
  const email = input.changes.email?.trim().toLowerCase();
  const newEmail = email !== undefined && email !== options.currentEmail ? email : undefined;
  const claim = (type: 'ClaimEmail' | 'ReleaseEmail', address: string) =>
    handleCommand(
      store,
      emailClaimDecider,
      emailClaimEvents,
      emailClaimStream(context.tenantId, address),
      type === 'ClaimEmail'
        ? { type, data: { email: address, memberId, programId: context.tenantId, now: at } }
        : { type, data: { email: address, memberId, now: at } },
      context,
    );
  if (newEmail) await claim('ClaimEmail', newEmail);
  const subscribe = input.subscription
    ? { plan: input.subscription, amount: input.amount ?? null, currency: input.currency, causeId: input.changes.causeId ?? null }
    : null;
  const changes = { ...input.changes, ...(email !== undefined ? { email } : {}) };
  const command = { type: 'PatchMember' as const, data: { changes, subscribe, now: at } };
  let result: Result;
  try {
    result = await handleCommand(store, memberDecider, memberEvents, memberStream(memberId), command, context, { expectedVersion: options.expectedVersion });
  } catch (error) {
    if (newEmail) await claim('ReleaseEmail', newEmail);
    throw error;
  }
  if (newEmail) await claim('ReleaseEmail', options.currentEmail);
  return result;
}
