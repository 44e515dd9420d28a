import type { HubSettings, OperatorSettings, Optin, RegistrationType } from '../../../domain/hub/hubs/events.js';
import { hubDecider, type HubState } from '../../../domain/hub/hubs/hub.js';
import { hubEvents } from '../../../domain/hub/hubs/events.js';
import { notFound } from '../../../domain/shared/errors.js';
import { claimCommand } from '../../../domain/shared/unique-claim.js';
import type { EventStore } from '../../../platform/eventstore/types.js';
import { foldStream } from '../../fold-stream.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext, CommandResult } from '../../shared/command.js';
import { hubIdOf, hubStream } from '../streams.js';
import { hostClaims, hubs } from './aggregate.js';

export async function loadHub(store: EventStore, hubId: string): Promise<HubState> {
  return (await foldStream(store, hubDecider, hubEvents, hubStream(hubId))).state;
}

/** Claims or releases hosts for the hub: a host's claim stream is shared by every program. */
const hostClaimsOf =
  (store: EventStore, hubId: string, context: CommandContext, now: string) =>
  (type: 'ClaimHost' | 'ReleaseHost', host: string) =>
    hostClaims.handle(host, claimCommand('ClaimHost', type, { host, hubId, now }, context.tenantId), {
      store,
      context,
    });

/**
 * Claims the host (if any), then creates the program's hub. The hub's id derives from the program, so a retry after a
 * crash between the two finds its own claim; a refused hub gives the host back.
 */
export async function createHub(
  { store, clock }: CommandDeps,
  settings: HubSettings,
  context: CommandContext,
): Promise<CommandResult<HubState> & { hubId: string }> {
  const now = clock.now().toISOString();
  const hubId = hubIdOf(context.tenantId);
  const current = await loadHub(store, hubId);
  const hostClaim = hostClaimsOf(store, hubId, context, now);
  if (current.status === 'none' && settings.host) await hostClaim('ClaimHost', settings.host);
  const command = { type: 'CreateHub' as const, data: { hubId, programId: context.tenantId, settings, now } };
  try {
    return { ...(await hubs.handle(hubId, command, { store, context })), hubId };
  } catch (error) {
    if (current.status === 'none' && settings.host) await hostClaim('ReleaseHost', settings.host);
    throw error;
  }
}

/**
 * A hub PATCH, by its program (`programId`) or by an operator (undefined). A new host is claimed before the change and
 * the old one released after it; a refused change gives the new one back.
 */
export async function updateHub(
  { store, clock }: CommandDeps,
  hubId: string,
  input: { changes: Partial<HubSettings>; operator?: Partial<OperatorSettings>; programId: string | undefined },
  context: CommandContext,
  expectedVersion?: bigint,
): Promise<CommandResult<HubState>> {
  const now = clock.now().toISOString();
  const current = await loadHub(store, hubId);
  if (current.status === 'none' || (input.programId !== undefined && current.programId !== input.programId))
    throw notFound('hub');
  const hostClaim = hostClaimsOf(store, hubId, { ...context, tenantId: current.programId }, now);
  const newHost = input.changes.host && input.changes.host !== current.settings.host ? input.changes.host : undefined;
  if (newHost) await hostClaim('ClaimHost', newHost);
  const command = { type: 'UpdateHub' as const, data: { ...input, now } };
  let result: CommandResult<HubState>;
  try {
    result = await hubs.handle(hubId, command, { store, context, expectedRevision: expectedVersion });
  } catch (error) {
    if (newHost) await hostClaim('ReleaseHost', newHost);
    throw error;
  }
  const oldHost = current.settings.host;
  if (oldHost && input.changes.host !== undefined && input.changes.host !== oldHost)
    await hostClaim('ReleaseHost', oldHost);
  return result;
}

export function configureOptins(
  { store, clock }: CommandDeps,
  input: { registrationType: RegistrationType; optins: readonly Optin[] },
  context: CommandContext,
): Promise<CommandResult<HubState>> {
  const command = {
    type: 'ConfigureOptins' as const,
    data: { programId: context.tenantId, ...input, now: clock.now().toISOString() },
  };
  return hubs.handle(hubIdOf(context.tenantId), command, { store, context });
}
