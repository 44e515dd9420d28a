import { checkCauseChoice } from '../../domain/members/cause-choice.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { EventStore } from '../../platform/eventstore/types.js';
import { isUuid } from '../../platform/uuid.js';
import { loadCauseFacts } from '../causes/cause-facts.js';

/**
 * The cause a member names, checked on the cause's own stream before any card
 * is charged or anything recorded: a malformed id, an unknown cause, another
 * program's or an inactive one is refused on `cause_id`.
 */
export async function checkChosenCause(store: EventStore, programId: string, causeId: string): Promise<void> {
  if (!isUuid(causeId))
    throw new DomainError('invalid_request', 'cause_id is not a cause id', [
      { field: 'cause_id', message: 'not a cause id (a uuid)' },
    ]);
  checkCauseChoice(programId, await loadCauseFacts(store, causeId));
}
