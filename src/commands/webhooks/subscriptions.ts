import { randomBytes, randomUUID } from 'node:crypto';
import { refused } from '../../domain/shared/errors.js';
import { subscriptionDecider, type SubscriptionState } from '../../domain/webhooks/subscription.js';
import { webhookSubscriptionEvents, type SubscriptionChanges } from '../../domain/webhooks/subscription-events.js';
import type { Position } from '../../platform/eventstore/types.js';
import type { SecretBox } from '../../platform/secret-box.js';
import { aggregate, type CommandDeps } from '../shared/aggregate.js';
import type { CommandContext, CommandResult } from '../shared/command.js';

export const subscriptionStream = (subscriptionId: string): string => `webhooksub-${subscriptionId}`;

const subscriptions = aggregate({
  decider: subscriptionDecider,
  events: webhookSubscriptionEvents,
  stream: subscriptionStream,
});

/** A Standard Webhooks secret: `whsec_` and base64 of 32 random bytes. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export interface CreateSubscriptionInput {
  readonly name: string | null;
  readonly url: string;
  readonly events: readonly string[];
  readonly active: boolean;
}

export interface CreatedSubscription {
  readonly id: string;
  /** Shown once: only its ciphertext is recorded. */
  readonly secret: string;
  readonly version: bigint | undefined;
  readonly position: Position | undefined;
  readonly createdAt: string;
}

export interface CreateOptions {
  readonly box: SecretBox;
  /** How many subscriptions the program has now, and how many it may have. */
  readonly existing: number;
  readonly max: number;
}

export async function createSubscription(
  { store, clock }: CommandDeps,
  input: CreateSubscriptionInput,
  context: CommandContext,
  options: CreateOptions,
): Promise<CreatedSubscription> {
  if (options.existing >= options.max) {
    throw refused(`a program may have at most ${options.max} webhook subscriptions; delete one first`, [
      { field: 'url', message: `at most ${options.max} subscriptions` },
    ]);
  }
  const subscriptionId = randomUUID();
  const secret = newWebhookSecret();
  const createdAt = clock.now().toISOString();
  const command = {
    type: 'CreateSubscription' as const,
    data: {
      subscriptionId,
      programId: context.tenantId,
      ...input,
      secretCiphertext: options.box.seal(secret),
      now: createdAt,
    },
  };
  const result = await subscriptions.handle(subscriptionId, command, { store, context });
  return { id: subscriptionId, secret, version: result.version, position: result.position, createdAt };
}

type Result = CommandResult<SubscriptionState>;

export async function updateSubscription(
  { store, clock }: CommandDeps,
  subscriptionId: string,
  changes: SubscriptionChanges,
  context: CommandContext,
  options: { readonly expectedVersion?: bigint } = {},
): Promise<Result> {
  const command = {
    type: 'UpdateSubscription' as const,
    data: { programId: context.tenantId, changes, now: clock.now().toISOString() },
  };
  return subscriptions.handle(subscriptionId, command, { store, context, expectedRevision: options.expectedVersion });
}

/** For the delivery worker: a receiver that answered 410 Gone wants no more. */
export async function deactivateSubscription(
  { store, clock }: CommandDeps,
  subscriptionId: string,
  reason: string,
  context: CommandContext,
): Promise<Result> {
  const command = {
    type: 'DeactivateSubscription' as const,
    data: { programId: context.tenantId, reason, now: clock.now().toISOString() },
  };
  return subscriptions.handle(subscriptionId, command, { store, context });
}

export async function deleteSubscription(
  { store, clock }: CommandDeps,
  subscriptionId: string,
  context: CommandContext,
  options: { readonly expectedVersion?: bigint } = {},
): Promise<Result> {
  const command = {
    type: 'DeleteSubscription' as const,
    data: { programId: context.tenantId, now: clock.now().toISOString() },
  };
  return subscriptions.handle(subscriptionId, command, { store, context, expectedRevision: options.expectedVersion });
}
