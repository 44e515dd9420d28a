import { DomainError, refused } from '../shared/errors.js';

/**
 * What a member's command needs to know of the cause it names, from the cause's own stream; null when no cause has that
 * id.
 */
export interface CauseFacts {
  readonly programId: string;
  readonly active: boolean;
}

/**
 * A member gives to a cause of its own program, and only to an active one (a
 * proposal is not, until the program activates it). Another program's cause
 * does not exist for this one: it is refused like an unknown id.
 */
export function checkCauseChoice(programId: string, cause: CauseFacts | null): void {
  if (!cause || cause.programId !== programId)
    throw new DomainError('invalid_request', 'no such cause in this program', [
      { field: 'cause_id', message: 'no such cause' },
    ]);
  if (!cause.active)
    throw refused('the cause is not active: choose one the program lists', [
      { field: 'cause_id', message: 'inactive' },
    ]);
}
