import { DomainError } from '../../../domain/shared/errors.js';
import type { EventStore } from '../../../platform/eventstore/types.js';
import type { CommandContext } from '../../shared/command.js';
import { identifierDigest } from '../streams.js';
import { identifierClaims } from './aggregate.js';

export interface Identifiers {
  readonly email?: string | null | undefined;
  readonly phone?: string | null | undefined;
  readonly externalId?: string | null | undefined;
}

/** The customer whose identifiers they are, and the command's store, context and time. */
export interface IdentifierOwner {
  readonly store: EventStore;
  readonly hubId: string;
  readonly customerId: string;
  readonly context: CommandContext;
  readonly now: string;
}

const FIELDS = { email: 'email', phone: 'phoneNumber', externalId: 'customerExternalId' } as const;

const digestsOf = (hubId: string, ids: Identifiers) =>
  (Object.keys(FIELDS) as Array<keyof Identifiers>)
    .filter((kind) => typeof ids[kind] === 'string')
    .map((kind) => ({ kind, digest: identifierDigest(hubId, kind, ids[kind] as string) }));

export async function releaseIdentifiers(owner: IdentifierOwner, ids: Identifiers): Promise<void> {
  const { store, hubId, customerId, context, now } = owner;
  for (const { digest } of digestsOf(hubId, ids))
    await identifierClaims.handle(
      digest,
      { type: 'ReleaseIdentifier', data: { digest, customerId, now } },
      { store, context },
    );
}

/**
 * Claims each identifier for the customer, all or none: a taken one releases those claimed before it and answers 409
 * conflict_uniqueness naming the field.
 */
export async function claimIdentifiers(owner: IdentifierOwner, ids: Identifiers): Promise<void> {
  const { store, hubId, customerId, context, now } = owner;
  const claimed: Identifiers = {};
  for (const { kind, digest } of digestsOf(hubId, ids)) {
    try {
      await identifierClaims.handle(
        digest,
        { type: 'ClaimIdentifier', data: { digest, customerId, programId: context.tenantId, now } },
        { store, context },
      );
      Object.assign(claimed, { [kind]: ids[kind] });
    } catch (error) {
      await releaseIdentifiers(owner, claimed);
      if (error instanceof DomainError && error.errorName === 'conflict_uniqueness')
        throw new DomainError('conflict_uniqueness', `a customer of this hub already has this ${FIELDS[kind]}`, [
          { field: FIELDS[kind], message: 'taken in this hub' },
        ]);
      throw error;
    }
  }
}
