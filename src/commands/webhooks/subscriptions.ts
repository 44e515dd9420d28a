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
  deps: CommandDeps,
  subscriptionId: string,
  changes: SubscriptionChanges,
  context: CommandContext,
  options: { readonly expectedVersion?: bigint } = {},
): Promise<Result> {
  return subscriptions.run(
    deps,
    subscriptionId,
    context,
    ({ programId, now }) => ({ type: 'UpdateSubscription', data: { programId, changes, now } }),
    { expectedRevision: options.expectedVersion },
  );
}

/** For the delivery worker: a receiver that answered 410 Gone wants no more. */
export async function deactivateSubscription(
  deps: CommandDeps,
  subscriptionId: string,
  reason: string,
  context: CommandContext,
): Promise<Result> {
  return subscriptions.run(deps, subscriptionId, context, ({ programId, now }) => ({
    type: 'DeactivateSubscription',
    data: { programId, reason, now },
  }));
}

export async function deleteSubscription(
  deps: CommandDeps,
  subscriptionId: string,
  context: CommandContext,
  options: { readonly expectedVersion?: bigint } = {},
): Promise<Result> {
  return subscriptions.run(deps, subscriptionId, context, (scope) => ({ type: 'DeleteSubscription', data: scope }), {
    expectedRevision: options.expectedVersion,
  });
}
