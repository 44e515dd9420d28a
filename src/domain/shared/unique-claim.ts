import { z } from 'zod';
import type { Decider } from './decider.js';
import { taken } from './errors.js';

/**
 * A value that only one owner may hold (a member's email in a program, a
 * campaign slug on the platform, a contact's email): one stream per value,
 * appended with the stream's revision, so two writers cannot both take it.
 * The names keep each context's own vocabulary in its events and commands.
 */
export interface ClaimNames<
  Key extends string,
  Owner extends string,
  Claimed extends string,
  Released extends string,
  Claim extends string,
  Release extends string,
> {
  /** The claimed value's field, e.g. `email`. */
  readonly key: Key;
  /** The holder's id field, e.g. `memberId`. */
  readonly owner: Owner;
  readonly claimed: Claimed;
  readonly released: Released;
  readonly claim: Claim;
  readonly release: Release;
  /** The 409 conflict_uniqueness message when someone else holds the value. */
  readonly takenMessage: string;
}

type Fields<K extends string> = { readonly [F in K]: string };

export type ClaimCommand<Key extends string, Owner extends string, Claim extends string, Release extends string> =
  | { readonly type: Claim; readonly data: Fields<Key | Owner | 'programId' | 'now'> }
  | { readonly type: Release; readonly data: Fields<Key | Owner | 'now'> };

export type ClaimEvent<Key extends string, Owner extends string, Claimed extends string, Released extends string> =
  | { readonly type: Claimed; readonly data: Fields<Key | Owner | 'programId' | 'claimedAt'> }
  | { readonly type: Released; readonly data: Fields<Key | Owner | 'releasedAt'> };

/** A claim's command or its release's, from the same fields: only the claim names the program that takes the value. */
export function claimCommand<T extends string, Claim extends T, D extends { readonly now: string }>(
  claim: Claim,
  type: T,
  data: D,
  programId: string,
):
  | { readonly type: Claim; readonly data: D & { readonly programId: string } }
  | { readonly type: Exclude<T, Claim>; readonly data: D } {
  return type === claim ? { type: claim, data: { ...data, programId } } : { type: type as Exclude<T, Claim>, data };
}

export type ClaimState = { readonly status: 'free' } | { readonly status: 'claimed'; readonly ownerId: string };

export function uniqueClaimDecider<
  K extends string,
  O extends string,
  CT extends string,
  RT extends string,
  CC extends string,
  RC extends string,
>(names: ClaimNames<K, O, CT, RT, CC, RC>): Decider<ClaimState, ClaimCommand<K, O, CC, RC>, ClaimEvent<K, O, CT, RT>> {
  type Event = ClaimEvent<K, O, CT, RT>;
  const ownerOf = (data: Fields<O>): string => data[names.owner];
  return {
    initialState: () => ({ status: 'free' }),
    evolve: (_state, event) =>
      event.type === names.claimed ? { status: 'claimed', ownerId: ownerOf(event.data) } : { status: 'free' },
    decide: (command, state) => {
      const { now, ...data } = command.data;
      const owner = ownerOf(command.data);
      if (command.type === names.claim) {
        if (state.status === 'claimed') {
          // The same owner claiming again is a retry after a crash between the claim and what it guards.
          if (state.ownerId === owner) return [];
          throw taken(names.key, names.takenMessage);
        }
        return [{ type: names.claimed, data: { ...data, claimedAt: now } } as Event];
      }
      if (state.status !== 'claimed' || state.ownerId !== owner) return [];
      return [{ type: names.released, data: { ...data, releasedAt: now } } as Event];
    },
  };
}

type Strings<K extends string> = z.ZodObject<{ [F in K]: z.ZodString }>;
const strings = <K extends string>(fields: readonly K[]): Strings<K> =>
  z.object(Object.fromEntries(fields.map((field) => [field, z.string()]))) as unknown as Strings<K>;

/**
 * The zod schemas of a claim's two events, `<prefix>Claimed` and `<prefix>Released`, in its context's names: the
 * key, the owner, the program and the time, all strings.
 */
export function claimEventSchemas<P extends string, K extends string, O extends string>(
  prefix: P,
  key: K,
  owner: O,
): { readonly [T in `${P}Claimed`]: Strings<K | O | 'programId' | 'claimedAt'> } & {
  readonly [T in `${P}Released`]: Strings<K | O | 'releasedAt'>;
} {
  return {
    [`${prefix}Claimed`]: strings([key, owner, 'programId', 'claimedAt']),
    [`${prefix}Released`]: strings([key, owner, 'releasedAt']),
  } as { [T in `${P}Claimed`]: Strings<K | O | 'programId' | 'claimedAt'> } & {
    [T in `${P}Released`]: Strings<K | O | 'releasedAt'>;
  };
}
