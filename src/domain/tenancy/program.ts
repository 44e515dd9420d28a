import {
  deciderFromNone,
  evolveFromNone,
  type Command,
  type Decider,
  type None,
  type NoneOr,
} from '../shared/decider.js';
import { createdOnce } from '../shared/entity.js';
import { notFound } from '../shared/errors.js';
import type { ProgramSettings, TenancyEvent } from './events.js';

export type ProgramState = NoneOr<{
  readonly status: 'active';
  readonly name: string;
  readonly settings: ProgramSettings;
  readonly signingKeyId: string | null;
}>;

export type ProgramCommand =
  | Command<
      'CreateProgram',
      {
        readonly programId: string;
        readonly name: string;
        readonly apiKey: string;
        readonly apiSecretDigest: string;
        readonly settings: ProgramSettings;
      }
    >
  | Command<
      'RegisterSigningKey',
      {
        readonly programId: string;
        /** Already checked and normalised by the caller: parsing a key is not the domain's work. */
        readonly publicKeyPem: string;
        readonly keyId: string;
      }
    >;

export const programDecider: Decider<ProgramState, ProgramCommand, TenancyEvent> = deciderFromNone(
  evolveFromNone<Exclude<ProgramState, None>, TenancyEvent, 'ProgramCreated'>(
    'ProgramCreated',
    ({ name, settings }) => ({ status: 'active', name, settings, signingKeyId: null }),
    { SigningKeyRegistered: (state, { keyId }) => ({ ...state, signingKeyId: keyId }) },
  ),
  (command, state) => {
    switch (command.type) {
      case 'CreateProgram':
        return createdOnce(state.status !== 'none', 'program', 'ProgramCreated', command.data);
      case 'RegisterSigningKey': {
        if (state.status !== 'active') throw notFound('program');
        // The same key again changes nothing: a retried request stays a no-op.
        if (state.signingKeyId === command.data.keyId) return [];
        const { now, ...data } = command.data;
        return [{ type: 'SigningKeyRegistered', data: { ...data, registeredAt: now } }];
      }
    }
  },
);
