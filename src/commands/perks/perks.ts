import { perkEvents, type Feedback, type PerkFields } from '../../domain/perks/events.js';
import { perkDecider } from '../../domain/perks/perk.js';
import { idsFor } from '../ids.js';
import { aggregate, type CommandDeps } from '../shared/aggregate.js';
import type { CommandContext } from '../shared/command.js';
import type { Expected, Written } from './entity.js';

const perks = aggregate({ decider: perkDecider, events: perkEvents, stream: (id) => `perk-${id}` });

/** Many members may use the same perk at once: a use retries on conflict more than other commands do. */
const USE_ATTEMPTS = 40;

export async function createPerk(
  { store, clock }: CommandDeps,
  businessId: string,
  fields: PerkFields,
  context: CommandContext,
): Promise<Written> {
  const perkId = idsFor(context).next();
  const command = {
    type: 'CreatePerk' as const,
    data: { perkId, programId: context.tenantId, businessId, fields, now: clock.now().toISOString() },
  };
  const result = await perks.handle(perkId, command, { store, context });
  return { id: perkId, version: result.version, position: result.position };
}

export async function updatePerk(
  { store, clock }: CommandDeps,
  perkId: string,
  changes: Partial<PerkFields>,
  context: CommandContext,
  options: Expected = {},
): Promise<Written> {
  const command = {
    type: 'UpdatePerk' as const,
    data: { programId: context.tenantId, changes, now: clock.now().toISOString() },
  };
  const result = await perks.handle(perkId, command, { store, context, expectedRevision: options.expectedVersion });
  return { id: perkId, version: result.version, position: result.position };
}

/** Facts from outside the perk that the use depends on, read by the caller from the read models. */
export interface UseFacts {
  readonly memberId: string;
  readonly activeMember: boolean;
  readonly businessName: string;
}

export async function usePerk(
  { store, clock }: CommandDeps,
  perkId: string,
  facts: UseFacts,
  context: CommandContext,
): Promise<Written> {
  const useId = idsFor(context).next();
  const command = {
    type: 'UsePerk' as const,
    data: { programId: context.tenantId, useId, ...facts, now: clock.now().toISOString() },
  };
  const result = await perks.handle(perkId, command, { store, context, maxAttempts: USE_ATTEMPTS });
  return { id: useId, version: result.version, position: result.position };
}

export async function giveFeedback(
  { store, clock }: CommandDeps,
  perkId: string,
  input: { readonly useId: string; readonly memberId: string; readonly feedback: Feedback },
  context: CommandContext,
): Promise<Written> {
  const command = {
    type: 'GiveFeedback' as const,
    data: { programId: context.tenantId, ...input, now: clock.now().toISOString() },
  };
  const result = await perks.handle(perkId, command, { store, context });
  return { id: input.useId, version: result.version, position: result.position };
}
