import { perkEvents, type Feedback, type PerkFields } from '../../domain/perks/events.js';
import { perkDecider } from '../../domain/perks/perk.js';
import type { EventStore } from '../../platform/eventstore/types.js';
import { handleCommand, type CommandContext, type HandleOptions } from '../handle.js';
import { idsFor } from '../ids.js';
import type { Written } from './entity.js';

const perkStream = (id: string): string => `perk-${id}`;

/** Many members may use the same perk at once: a use retries on conflict more than other commands do. */
const USE_ATTEMPTS = 40;

export async function createPerk(store: EventStore, businessId: string, fields: PerkFields, context: CommandContext, now: Date = new Date()): Promise<Written> {
  const perkId = idsFor(context).next();
  const command = { type: 'CreatePerk' as const, data: { perkId, programId: context.tenantId, businessId, fields, now: now.toISOString() } };
  const result = await handleCommand(store, perkDecider, perkEvents, perkStream(perkId), command, context);
  return { id: perkId, version: result.version, position: result.position };
}

export async function updatePerk(
  store: EventStore,
  perkId: string,
  changes: Partial<PerkFields>,
  context: CommandContext,
  options: HandleOptions = {},
  now: Date = new Date(),
): Promise<Written> {
  const command = { type: 'UpdatePerk' as const, data: { programId: context.tenantId, changes, now: now.toISOString() } };
  const result = await handleCommand(store, perkDecider, perkEvents, perkStream(perkId), command, context, options);
  return { id: perkId, version: result.version, position: result.position };
}

/** Facts from outside the perk that the use depends on, read by the caller from the read models. */
export interface UseFacts {
  readonly memberId: string;
  readonly activeMember: boolean;
  readonly businessName: string;
}

export async function usePerk(store: EventStore, perkId: string, facts: UseFacts, context: CommandContext, now: Date = new Date()): Promise<Written> {
  const useId = idsFor(context).next();
  const command = { type: 'UsePerk' as const, data: { programId: context.tenantId, useId, ...facts, now: now.toISOString() } };
  const result = await handleCommand(store, perkDecider, perkEvents, perkStream(perkId), command, context, { maxAttempts: USE_ATTEMPTS });
  return { id: useId, version: result.version, position: result.position };
}

export async function giveFeedback(
  store: EventStore,
  perkId: string,
  input: { readonly useId: string; readonly memberId: string; readonly feedback: Feedback },
  context: CommandContext,
  now: Date = new Date(),
): Promise<Written> {
  const command = { type: 'GiveFeedback' as const, data: { programId: context.tenantId, ...input, now: now.toISOString() } };
  const result = await handleCommand(store, perkDecider, perkEvents, perkStream(perkId), command, context);
  return { id: input.useId, version: result.version, position: result.position };
}
