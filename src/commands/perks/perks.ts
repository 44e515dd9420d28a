import { perkEvents, type Feedback, type PerkFields } from '../../domain/perks/events.js';
import { perkDecider } from '../../domain/perks/perk.js';
import { idsFor } from '../ids.js';
import { aggregate, type CommandDeps } from '../shared/aggregate.js';
import type { CommandContext } from '../shared/command.js';
import { updateUseCase, writeNew, written, type Written } from '../shared/catalogue-entity.js';

const perks = aggregate({ decider: perkDecider, events: perkEvents, stream: (id) => `perk-${id}` });

/** Many members may use the same perk at once: a use retries on conflict more than other commands do. */
const USE_ATTEMPTS = 40;

export const createPerk = (deps: CommandDeps, businessId: string, fields: PerkFields, context: CommandContext) =>
  writeNew(perks, deps, context, (perkId, { programId, now }) => ({
    type: 'CreatePerk' as const,
    data: { perkId, programId, businessId, fields, now },
  }));

export const updatePerk = updateUseCase(perks, (changes: Partial<PerkFields>, { programId, now }) => ({
  type: 'UpdatePerk' as const,
  data: { programId, changes, now },
}));

/** Facts from outside the perk that the use depends on, read by the caller from the read models. */
export interface UseFacts {
  readonly memberId: string;
  readonly activeMember: boolean;
  readonly businessName: string;
}

export async function usePerk(
  deps: CommandDeps,
  perkId: string,
  facts: UseFacts,
  context: CommandContext,
): Promise<Written> {
  const useId = idsFor(context).next();
  const result = await perks.run(
    deps,
    perkId,
    context,
    ({ programId, now }) => ({ type: 'UsePerk', data: { programId, useId, ...facts, now } }),
    { maxAttempts: USE_ATTEMPTS },
  );
  return written(useId, result);
}

export async function giveFeedback(
  deps: CommandDeps,
  perkId: string,
  input: { readonly useId: string; readonly memberId: string; readonly feedback: Feedback },
  context: CommandContext,
): Promise<Written> {
  const result = await perks.run(deps, perkId, context, ({ programId, now }) => ({
    type: 'GiveFeedback',
    data: { programId, ...input, now },
  }));
  return written(input.useId, result);
}
