import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/errors.js';
import type { ProgramSettings, TenancyEvent } from './events.js';

export type ProgramState = { readonly status: 'none' } | { readonly status: 'active'; readonly name: string; readonly settings: ProgramSettings };

export type ProgramCommand = {
  readonly type: 'CreateProgram';
  readonly data: {
    readonly programId: string;
    readonly name: string;
    readonly apiKey: string;
    readonly apiSecretDigest: string;
    readonly settings: ProgramSettings;
    readonly now: string;
  };
};

export const programDecider: Decider<ProgramState, ProgramCommand, TenancyEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'ProgramCreated':
        return { status: 'active', name: event.data.name, settings: event.data.settings };
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'CreateProgram': {
        if (state.status !== 'none') throw new DomainError('conflict', 'the program exists already');
        const { now, ...data } = command.data;
        return [{ type: 'ProgramCreated', data: { ...data, createdAt: now } }];
      }
    }
  },
};
