import type { InvitedContact } from '../../domain/members/events.js';
import { DomainError } from '../../domain/shared/errors.js';
import { sha256Hex } from '../../platform/crypto.js';
import type { Position } from '../../platform/eventstore/types.js';
import { idsFor } from '../ids.js';
import type { CommandDeps } from '../shared/aggregate.js';
import type { CommandContext } from '../shared/command.js';
import { members, sponsorCodeClaims } from './aggregates.js';

/** One stream per (program, code): its existence is the uniqueness check. */
export const sponsorCodeStream = (programId: string, code: string): string =>
  `sponsorcode-${sha256Hex(`${programId}\n${code.toUpperCase()}`).slice(0, 40)}`;

/** Letters and digits that cannot be misread (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

const codeOf = (bytes: Iterable<number>): string =>
  `GOODSPONSOR${[...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`;

/**
 * Random codes, or with an Idempotency-Key codes drawn from the request's seed: a retry of an interrupted request draws
 * (and finds claimed) the same codes.
 */
const sponsorCodes = (context: CommandContext): (() => string) => {
  const ids = idsFor(context);
  return () => codeOf(Buffer.from(ids.next().replaceAll('-', ''), 'hex').subarray(0, 6));
};

export interface Invited {
  readonly code: string;
  readonly position: Position | undefined;
}

/**
 * Records the contacts, then issues the member's sponsor code if it has none:
 * the code is claimed in the program first (a taken one is drawn again), then
 * given to the member once, so every later call shows the same code.
 */
export async function inviteContacts(
  { store, clock }: CommandDeps,
  memberId: string,
  contacts: readonly InvitedContact[],
  context: CommandContext,
  draw: () => string = sponsorCodes(context),
): Promise<Invited> {
  const at = clock.now().toISOString();
  const recorded = await members.handle(
    memberId,
    { type: 'RecordContacts', data: { contacts, now: at } },
    { store, context },
  );
  if (recorded.state.status === 'registered' && recorded.state.sponsorCode)
    return { code: recorded.state.sponsorCode, position: recorded.position };
  for (let attempt = 1; ; attempt++) {
    const code = draw();
    const claim = { type: 'ClaimSponsorCode' as const, data: { code, memberId, programId: context.tenantId, now: at } };
    try {
      await sponsorCodeClaims.handle(sponsorCodeStream(context.tenantId, code), claim, { store, context });
    } catch (error) {
      if (error instanceof DomainError && error.errorName === 'conflict_uniqueness' && attempt < 5) continue;
      throw error;
    }
    const issued = await members.handle(
      memberId,
      { type: 'IssueSponsorCode', data: { code, now: at } },
      { store, context },
    );
    // A concurrent call may have issued another code first: the member keeps that one.
    const held = issued.state.status === 'registered' ? issued.state.sponsorCode : null;
    return { code: held ?? code, position: issued.position ?? recorded.position };
  }
}
