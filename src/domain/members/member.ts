import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/errors.js';
import type { MemberEvent, MemberProfile } from './events.js';

export type MemberState =
  | { readonly status: 'none' }
  | { readonly status: 'registered'; readonly memberId: string; readonly profile: MemberProfile };

export type MemberCommand = {
  readonly type: 'RegisterMember';
  readonly data: {
    readonly memberId: string;
    readonly programId: string;
    readonly profile: MemberProfile;
    readonly passwordHash: string;
    readonly now: string;
  };
};

export const memberDecider: Decider<MemberState, MemberCommand, MemberEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'MemberRegistered':
        return { status: 'registered', memberId: event.data.memberId, profile: event.data.profile };
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'RegisterMember': {
        if (state.status !== 'none') throw new DomainError('conflict', 'the member is registered already');
        const { now, ...data } = command.data;
        return [{ type: 'MemberRegistered', data: { ...data, registeredAt: now } }];
      }
    }
  },
};
