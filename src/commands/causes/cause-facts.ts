import { causeDecider, causeFacts } from '../../domain/causes/cause.js';
import { causeEvents } from '../../domain/causes/events.js';
import type { CauseFacts } from '../../domain/members/cause-choice.js';
import type { EventStore } from '../../platform/eventstore/types.js';
import { isUuid } from '../../platform/uuid.js';
import { FoldedStates } from '../folded-states.js';
import { causes } from './causes.js';

/**
 * A cause as its own stream has it, for a command that depends on it: the
 * causes read model may lag behind an activation or a deactivation. Folded
 * through the process's remembered states, so a repeat reads only what is new.
 * null for an id that is not a uuid (no stream can have it) or names no cause.
 */
export async function loadCauseFacts(store: EventStore, causeId: string): Promise<CauseFacts | null> {
  if (!isUuid(causeId)) return null;
  const { state } = await FoldedStates.of(store, causeDecider).load(
    store,
    causeDecider,
    causeEvents,
    causes.stream(causeId),
  );
  return causeFacts(state);
}
