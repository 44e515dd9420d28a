import { entityDecider, type EntityCommand, type EntityState } from '../shared/catalogue-entity.js';
import type { CauseFields } from './events.js';

export type CauseState = EntityState<CauseFields>;
export type CauseCommand = EntityCommand<CauseFields>;

/** Creating from the program makes an active cause; from anyone else the command layer passes `active: false`. */
export const causeDecider = entityDecider<'Cause', CauseFields>('Cause', 'cause');

/** Whose cause it is and whether it takes supporters; null when there is none. */
export const causeFacts = (state: CauseState): { programId: string; active: boolean } | null =>
  state.status === 'exists' ? { programId: state.programId, active: state.fields.active } : null;
