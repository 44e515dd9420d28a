import { randomBytes, randomUUID } from 'node:crypto';
import type { ProgramSettings } from '../../domain/tenancy/events.js';
import { newSecret, sha256Hex } from '../../platform/crypto.js';
import type { Position } from '../../platform/eventstore/types.js';
import type { CommandDeps } from '../shared/aggregate.js';
import { programs } from './programs.js';

export interface CreateProgramInput {
  readonly name: string;
  readonly settings: ProgramSettings;
}

export interface CreatedProgram {
  readonly id: string;
  readonly apiKey: string;
  /** Shown once: only its digest is kept. */
  readonly apiSecret: string;
  readonly position: Position | undefined;
  /** The stream revision after creation: the program's version. */
  readonly version: bigint | undefined;
  readonly createdAt: string;
}

export const DEFAULT_SETTINGS: ProgramSettings = {
  currency: 'EUR',
  causeSharePercent: 80,
  cardFeeBasisPoints: 290,
  cardFeeFixed: 30,
  externalTokenValidationUrl: null,
};

export async function createProgram(
  { store, clock }: CommandDeps,
  input: CreateProgramInput,
  actor: string,
): Promise<CreatedProgram> {
  const programId = randomUUID();
  const apiKey = `pk_${randomBytes(16).toString('hex')}`;
  const apiSecret = newSecret('sk');
  const command = {
    type: 'CreateProgram' as const,
    data: {
      programId,
      name: input.name,
      apiKey,
      apiSecretDigest: sha256Hex(apiSecret),
      settings: input.settings,
      now: clock.now().toISOString(),
    },
  };
  const result = await programs.handle(programId, command, { store, context: { tenantId: programId, actor } });
  return {
    id: programId,
    apiKey,
    apiSecret,
    position: result.position,
    version: result.version,
    createdAt: command.data.now,
  };
}
