import { randomBytes } from 'node:crypto';
import { connectStateDecider } from '../../../domain/hub/connections/connect-state.js';
import { connectionDecider, type ConnectionDeletion } from '../../../domain/hub/connections/connection.js';
import { connectStateEvents, connectionEvents } from '../../../domain/hub/connections/events.js';
import type { CardType } from '../../../domain/hub/banks/events.js';
import { refused } from '../../../domain/shared/errors.js';
import { sha256Hex } from '../../../platform/crypto.js';
import { idsFor } from '../../ids.js';
import { aggregate, inputUseCase, type CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext } from '../../shared/command.js';
import type { BankDataProvider } from '../banks/bank-data-provider.js';

/* Stream names are stored with their events: these never change. */
export const connectionStream = (connectionId: string): string => `connection-${connectionId}`;
/** Named by the state's digest: the state itself is a bearer secret and is never stored. */
export const connectStateStream = (digest: string): string => `bankconnectstate-${digest.slice(0, 40)}`;

export const connections = aggregate({
  decider: connectionDecider,
  events: connectionEvents,
  stream: connectionStream,
});
const connectStates = aggregate({
  decider: connectStateDecider,
  events: connectStateEvents,
  stream: connectStateStream,
});

const STATE_LIFETIME_MS = 30 * 60_000;

export interface StateBinding {
  readonly hubId: string;
  readonly customerId: string;
  readonly bankId: string;
  readonly connectionId: string | null;
}

/** A fresh `state` for a consent, bound to the customer, hub, bank (and connection when re-authorising it). */
export async function issueConnectState(
  { store, clock }: CommandDeps,
  binding: StateBinding,
  context: CommandContext,
): Promise<string> {
  const state = randomBytes(32).toString('base64url');
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + STATE_LIFETIME_MS).toISOString();
  const command = {
    type: 'IssueConnectState' as const,
    data: { ...binding, now: now.toISOString(), expiresAt },
  };
  await connectStates.handle(sha256Hex(state), command, { store, context });
  return state;
}

export interface NewConnection extends StateBinding {
  readonly programId: string;
  readonly state: string;
  readonly code: string;
  readonly dataProviderType: CardType;
  /** ISO 8601; the caller applies ambiguity 22 (the first connection inherits the customer's date). */
  readonly transactionsEligibleFromDate: string;
  /** Whether the fingerprint's digest is linked in the hub already, asked by the caller of its read model. */
  readonly fingerprintUsed: (digest: string) => Promise<boolean>;
}

/** The hub's digest of a provider's credentials fingerprint: only the digest is kept. */
export const fingerprintDigest = (hubId: string, providerCode: string, fingerprint: string): string =>
  sha256Hex(`${hubId}\n${providerCode}\n${fingerprint}`);

/**
 * The consent's answer: its state is spent (forged, reused, expired or another customer's: 422), then the provider
 * exchanges the code (refused: 422 with the provider's code in details[0].code).
 */
export async function spendConsent(
  { store, clock, provider }: CommandDeps & { readonly provider: BankDataProvider },
  input: StateBinding & { readonly state: string; readonly code: string; readonly renewing?: string },
  context: CommandContext,
) {
  const now = clock.now();
  const { hubId, customerId, bankId, connectionId, state } = input;
  const use = {
    type: 'UseConnectState' as const,
    data: { hubId, customerId, bankId, connectionId, now: now.toISOString() },
  };
  await connectStates.handle(sha256Hex(state), use, { store, context });
  const exchanged = await provider.exchangeCode({ code: input.code, state, now, renewing: input.renewing });
  if (!exchanged.ok) throw providerRefused(exchanged.errorCode);
  return { exchanged, now };
}

/** The provider's refusal, its code passed on (422 operation_refused). */
export const providerRefused = (code: string) =>
  refused('the bank refused the consent', [{ field: 'queryString', message: 'the provider refused the code', code }]);

/**
 * A consent comes back: its state is spent (forged, reused, expired or another customer's: 422), the provider
 * exchanges the code (refused: 422 with the provider's code), and the connection is created.
 */
export async function connectBank(
  deps: CommandDeps & { readonly provider: BankDataProvider },
  input: NewConnection,
  context: CommandContext,
) {
  const { store, provider } = deps;
  const { hubId, customerId, bankId } = input;
  const { exchanged, now } = await spendConsent(deps, input, context);
  const digest = fingerprintDigest(hubId, provider.providerCode, exchanged.credentialsFingerprint);
  const newId = idsFor(context).next();
  const command = {
    type: 'CreateConnection' as const,
    data: {
      connectionId: newId,
      hubId,
      programId: input.programId,
      customerId,
      bankId,
      providerCode: provider.providerCode,
      providerConnectionId: exchanged.providerConnectionId,
      credentialsDigest: digest,
      dataProviderType: input.dataProviderType,
      transactionsEligibleFromDate: input.transactionsEligibleFromDate,
      consentExpiresAt: exchanged.consentExpiresAt,
      credentialsPreviouslyUsed: await input.fingerprintUsed(digest),
      now: now.toISOString(),
    },
  };
  return { ...(await connections.handle(newId, command, { store, context })), connectionId: newId };
}

/** Deletes a connection of the customer; `others` is how many live ones the customer keeps besides it. */
export const deleteConnection = inputUseCase(connections, (input: ConnectionDeletion, { now }) => ({
  type: 'DeleteConnection' as const,
  data: { ...input, now },
}));
