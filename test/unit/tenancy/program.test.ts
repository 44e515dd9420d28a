import { describe, it } from 'vitest';
import { programDecider } from '../../../src/domain/tenancy/program.js';
import { DEFAULT_SETTINGS } from '../../../src/commands/tenancy/create-program.js';
import { spec } from '../../support/decider.js';

const { given } = spec(programDecider);
const digest = 'a'.repeat(64);
const create = {
  type: 'CreateProgram' as const,
  data: {
    programId: 'p1',
    name: 'Bordeaux',
    apiKey: 'pk_1',
    apiSecretDigest: digest,
    settings: DEFAULT_SETTINGS,
    now: '2026-11-22T10:00:00.000Z',
  },
};
const created = {
  type: 'ProgramCreated' as const,
  data: {
    programId: 'p1',
    name: 'Bordeaux',
    apiKey: 'pk_1',
    apiSecretDigest: digest,
    settings: DEFAULT_SETTINGS,
    createdAt: '2026-11-22T10:00:00.000Z',
  },
};
const pem = '-----BEGIN PUBLIC KEY-----\nMIIB…\n-----END PUBLIC KEY-----\n';
const register = (keyId: string, now = '2026-11-22T11:00:00.000Z') => ({
  type: 'RegisterSigningKey' as const,
  data: { programId: 'p1', publicKeyPem: pem, keyId, now },
});
const registered = (keyId: string, registeredAt = '2026-11-22T11:00:00.000Z') => ({
  type: 'SigningKeyRegistered' as const,
  data: { programId: 'p1', publicKeyPem: pem, keyId, registeredAt },
});

describe('program', () => {
  it('when a new program is created, then ProgramCreated carries the digest and the time of the command', () => {
    given([]).when(create).then([created]);
  });

  it('when the program exists already, then creating it again is a conflict', () => {
    given([created]).when(create).thenThrows('conflict');
  });
});

describe('program signing key', () => {
  it('when a program registers its first key, then SigningKeyRegistered carries the key, its id and the time of the command', () => {
    given([created])
      .when(register('k1'))
      .then([registered('k1')]);
  });

  it('when a program registers another key, then the new key is registered', () => {
    given([created, registered('k1')])
      .when(register('k2', '2026-11-22T12:00:00.000Z'))
      .then([registered('k2', '2026-11-22T12:00:00.000Z')]);
  });

  it('when the same key is registered again, then nothing happens (a retried request is a no-op)', () => {
    given([created, registered('k1')])
      .when(register('k1', '2026-11-22T12:00:00.000Z'))
      .then([]);
  });

  it('when a key was replaced and the first one comes back, then it is registered again', () => {
    given([created, registered('k1'), registered('k2')])
      .when(register('k1'))
      .then([registered('k1')]);
  });

  it('when the program does not exist, then registering a key is not_found', () => {
    given([]).when(register('k1')).thenThrows('not_found');
  });
});
