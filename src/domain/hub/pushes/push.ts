import { deciderFromNone, type Decider, type NoneOr } from '../../shared/decider.js';
import type { PushEvent } from './events.js';

type Pushed = Extract<PushEvent, { type: 'TransactionsPushed' }>['data'];

export type PushState = NoneOr<{ readonly status: 'pushed'; readonly pushed: Pushed }>;

export type PushCommand = {
  readonly type: 'PushTransactions';
  readonly data: Omit<Pushed, 'pushedAt'> & { now: string };
};

/** A batch is pushed once: whoever finds it pushed already (another worker, a retry) appends nothing. */
export const pushDecider: Decider<PushState, PushCommand, PushEvent> = deciderFromNone(
  (_state, event) => ({ status: 'pushed', pushed: event.data }),
  (command, state) => {
    if (state.status === 'pushed') return [];
    const { now, ...batch } = command.data;
    return [{ type: 'TransactionsPushed', data: { ...batch, pushedAt: now } }];
  },
);
