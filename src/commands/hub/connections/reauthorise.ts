import { connectionDecider, unknownConnection } from '../../../domain/hub/connections/connection.js';
import { connectionEvents } from '../../../domain/hub/connections/events.js';
import { refused } from '../../../domain/shared/errors.js';
import { foldStream } from '../../fold-stream.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext } from '../../shared/command.js';
import type { BankDataProvider } from '../banks/bank-data-provider.js';
import { connectionStream, connections, spendConsent, type StateBinding } from './connections.js';

type ProviderDeps = CommandDeps & { readonly provider: BankDataProvider };

/** A live connection's state, or 404 invalidConnectionId. */
export async function liveConnection(deps: Pick<CommandDeps, 'store'>, connectionId: string) {
  const { state } = await foldStream(deps.store, connectionDecider, connectionEvents, connectionStream(connectionId));
  if (state.status === 'none' || state.status === 'deleted') throw unknownConnection();
  return state;
}

const reauthorise = (
  { store }: CommandDeps,
  connectionId: string,
  data: { providerConnectionId: string | null; consentExpiresAt: string; now: Date },
  context: CommandContext,
) =>
  connections.handle(
    connectionId,
    { type: 'Reauthorise', data: { ...data, now: data.now.toISOString() } },
    { store, context },
  );

/** updateBankConnection with credentials: the provider re-authorises at once (refused: 422 with its code). */
export async function reauthoriseWithCredentials(
  deps: ProviderDeps,
  connectionId: string,
  credentials: { login: string; password: string },
  context: CommandContext,
) {
  const state = await liveConnection(deps, connectionId);
  const now = deps.clock.now();
  const { providerConnectionId } = state;
  const answer = await deps.provider.reauthorise({ providerConnectionId, ...credentials, now });
  if (!answer.ok)
    throw refused('the bank refused the credentials', [
      { field: 'credentials', message: 'the provider refused them', code: answer.errorCode },
    ]);
  return reauthorise(
    deps,
    connectionId,
    { providerConnectionId: null, consentExpiresAt: answer.consentExpiresAt, now },
    context,
  );
}

/**
 * updateBankConnectionCallback: the interactive re-authorisation comes back with a state bound to this connection.
 * The same credentials renew the connection's own provider account (BankConnectionResynchronized, the feed and its
 * cursor kept); other credentials may name a new provider connection, whose feed the connection reads from then on.
 */
export async function reauthoriseByConsent(
  deps: ProviderDeps,
  binding: StateBinding & { readonly connectionId: string },
  answer: { readonly code: string; readonly state: string },
  context: CommandContext,
) {
  const live = await liveConnection(deps, binding.connectionId);
  // The provider renews the connection's own account when the customer consents with the same credentials.
  const renewing = live.providerConnectionId;
  const { exchanged, now } = await spendConsent(deps, { ...binding, ...answer, renewing }, context);
  const { providerConnectionId, consentExpiresAt } = exchanged;
  return reauthorise(deps, binding.connectionId, { providerConnectionId, consentExpiresAt, now }, context);
}

/** patchBankConnection's simulation (sandbox only): the connection desynchronised with invalidCredentials. */
export async function simulateInvalidCredentials(deps: ProviderDeps, connectionId: string, context: CommandContext) {
  const state = await liveConnection(deps, connectionId);
  const { provider } = deps;
  if (provider.simulateInvalidCredentials === undefined)
    throw refused('only a sandbox provider simulates', [
      { field: 'simulateInvalidCredentials', message: 'not a sandbox connection', code: 'notSandbox' },
    ]);
  await provider.simulateInvalidCredentials(state.providerConnectionId);
  const data = {
    errorCode: 'invalidCredentials' as const,
    errorMessage: 'Invalid credentials (simulated)',
    now: deps.clock.now().toISOString(),
  };
  return connections.handle(connectionId, { type: 'Desynchronize', data }, { store: deps.store, context });
}
