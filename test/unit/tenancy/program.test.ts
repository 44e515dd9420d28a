import { describe, it } from 'vitest';
import { programDecider } from '../../../src/domain/tenancy/program.js';
import { DEFAULT_SETTINGS } from '../../../src/commands/tenancy/create-program.js';
import { spec } from '../../support/decider.js';

const { given } = spec(programDecider);
const digest = 'a'.repeat(64);
const create = {
  type: 'CreateProgram' as const,
  data: { programId: 'p1', name: 'Bordeaux', apiKey: 'pk_1', apiSecretDigest: digest, settings: DEFAULT_SETTINGS, now: '2026-11-22T10:00:00.000Z' },
};
const created = {
  type: 'ProgramCreated' as const,
  data: { programId: 'p1', name: 'Bordeaux', apiKey: 'pk_1', apiSecretDigest: digest, settings: DEFAULT_SETTINGS, createdAt: '2026-11-22T10:00:00.000Z' },
};

describe('program', () => {
  it('when a new program is created, then ProgramCreated carries the digest and the time of the command', () => {
    given([]).when(create).then([created]);
  });

  it('when the program exists already, then creating it again is a conflict', () => {
    given([created]).when(create).thenThrows('conflict');
  });
});
