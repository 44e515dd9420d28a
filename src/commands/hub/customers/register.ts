import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { CustomerProfile, OptinValue } from '../../../domain/hub/customers/events.js';
import { DomainError } from '../../../domain/shared/errors.js';
import { idsFor } from '../../ids.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext } from '../../shared/command.js';
import { customers } from './aggregate.js';
import { claimIdentifiers, releaseIdentifiers, type Identifiers } from './identifiers.js';
import { customerKeys, sealPersonal, type Personal } from './personal.js';

export interface RegistrationInput {
  readonly hubId: string;
  readonly profile: CustomerProfile;
  readonly personal: Personal;
  readonly origin: 'email' | 'iOS-app' | 'Android-app' | 'website' | 'desk' | null;
  readonly referer: string | null;
  readonly optins: readonly OptinValue[];
  readonly referredBy: string | null;
  readonly transactionsEligibleFromDate: string | undefined;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** Eight characters derived from the customer id: stable across a retried registration. */
export function referralCodeOf(customerId: string): string {
  const bytes = createHash('sha256').update(`referral\n${customerId}`).digest();
  return Array.from(bytes.subarray(0, 8), (b) => ALPHABET[b % ALPHABET.length]).join('');
}

export const phoneIdentifier = (countryCode: number | null, phone: string | null): string | null =>
  countryCode === null || phone === null ? null : `${countryCode}:${phone}`;

export const identifiersOf = (
  profile: Pick<CustomerProfile, 'customerExternalId' | 'countryCode'>,
  personal: Personal,
): Identifiers => ({
  email: personal.email,
  phone: phoneIdentifier(profile.countryCode, personal.phoneNumber),
  externalId: profile.customerExternalId,
});

/**
 * Registers a customer: its data key first (outside the stream), then its email, phone and external id claimed in the
 * hub, then the registration with the personal fields sealed. A refusal gives the claims back.
 */
export async function registerCustomer(
  deps: CommandDeps & { readonly knex: Knex },
  input: RegistrationInput,
  context: CommandContext,
): Promise<{ customerId: string; position: unknown }> {
  const { store, clock, knex } = deps;
  const now = clock.now().toISOString();
  const customerId = idsFor(context).next();
  const key = await customerKeys.ensure(knex, customerId);
  const ids = identifiersOf(input.profile, input.personal);
  const owner = { store, hubId: input.hubId, customerId, context, now };
  await claimIdentifiers(owner, ids);
  const command = {
    type: 'Register' as const,
    data: {
      customerId,
      hubId: input.hubId,
      programId: context.tenantId,
      profile: input.profile,
      personal: sealPersonal(key, customerId, input.personal),
      origin: input.origin,
      referer: input.referer,
      optins: [...input.optins],
      referralCode: referralCodeOf(customerId),
      referredBy: input.referredBy,
      transactionsEligibleFromDate: input.transactionsEligibleFromDate ?? now,
      now,
    },
  };
  try {
    const result = await customers.handle(customerId, command, { store, context });
    return { customerId, position: result.position };
  } catch (error) {
    // A retry with the same Idempotency-Key meets its own registration: the claims are its own, keep them.
    if (error instanceof DomainError && error.errorName !== 'conflict') await releaseIdentifiers(owner, ids);
    throw error;
  }
}
