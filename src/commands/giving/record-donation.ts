import type { Knex } from 'knex';
import type { EventStore } from '../../platform/eventstore/types.js';
import type { CommandContext, CommandResult } from '../handle.js';

/*
 * How a recurring plan's billing (and any other process) records a donation:
 * the giving donations part owns the implementation and keeps this signature.
 */

export interface SupporterInput {
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phone: string | null;
  readonly address: {
    readonly line1: string | null;
    readonly line2: string | null;
    readonly city: string | null;
    readonly state: string | null;
    readonly postalCode: string | null;
    readonly country: string | null;
  } | null;
}

export interface RecordDonationInput {
  /** Deterministic when the caller may retry (a plan's period), so a retry records nothing twice. */
  readonly donationId: string;
  readonly campaignId: string;
  readonly planId: string | null;
  /** Minor units. */
  readonly amount: number;
  readonly currency: string;
  readonly method: 'card' | 'check' | 'cash';
  readonly coverFee: boolean;
  /** The charge already made by the caller, or its failure. */
  readonly status: 'succeeded' | 'failed';
  readonly chargeId: string | null;
  readonly supporter: SupporterInput;
  readonly now: string;
}

export interface RecordDonationDeps {
  readonly store: EventStore;
  readonly knex: Knex;
}

/** Records the donation once: a second call with the same donationId returns the first result and appends nothing. */
export function recordDonation(_deps: RecordDonationDeps, _input: RecordDonationInput, _context: CommandContext): Promise<CommandResult<unknown> & { readonly id: string }> {
  return Promise.reject(new Error('recordDonation is implemented by the giving donations part'));
}
