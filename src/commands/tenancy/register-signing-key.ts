import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { DomainError } from '../../domain/shared/errors.js';
import type { Position } from '../../platform/eventstore/types.js';
import type { CommandDeps } from '../shared/aggregate.js';
import type { CommandContext } from '../shared/command.js';
import { programs } from './programs.js';

export const MIN_RSA_BITS = 2048;

export interface RegisteredSigningKey {
  readonly keyId: string;
  /** The stream revision after the command: the program's version. */
  readonly version: bigint | undefined;
  /** Undefined when the same key was registered already (nothing appended). */
  readonly position: Position | undefined;
}

const invalidKey = (message: string): DomainError =>
  new DomainError('invalid_request', message, [{ field: 'public_key', message }]);

/**
 * Parses a PEM public key and insists on RSA of at least 2048 bits; returns the
 * key re-encoded as SPKI PEM and its id (SHA-256 of the DER, hex).
 */
export function normaliseRsaPublicKey(pem: string): { readonly publicKeyPem: string; readonly keyId: string } {
  if (!/-----BEGIN (RSA )?PUBLIC KEY-----/.test(pem))
    throw invalidKey('a PEM public key (-----BEGIN PUBLIC KEY-----) is required');
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw invalidKey('the public key cannot be read as PEM');
  }
  if (key.asymmetricKeyType !== 'rsa') throw invalidKey('the key must be an RSA key');
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) throw invalidKey(`the RSA key must have at least ${MIN_RSA_BITS} bits (it has ${bits})`);
  const der = key.export({ type: 'spki', format: 'der' });
  return {
    publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: createHash('sha256').update(der).digest('hex'),
  };
}

export async function registerSigningKey(
  { store, clock }: CommandDeps,
  programId: string,
  pem: string,
  context: Omit<CommandContext, 'tenantId'>,
  options: { readonly expectedVersion?: bigint } = {},
): Promise<RegisteredSigningKey> {
  const { publicKeyPem, keyId } = normaliseRsaPublicKey(pem);
  const command = {
    type: 'RegisterSigningKey' as const,
    data: { programId, publicKeyPem, keyId, now: clock.now().toISOString() },
  };
  const result = await programs.handle(programId, command, {
    store,
    context: { ...context, tenantId: programId },
    expectedRevision: options.expectedVersion,
  });
  return { keyId, version: result.version, position: result.position };
}
