import type { StoreListItem, StoreListKind } from '../../../domain/hub/stores/events.js';
import { storeEvents, storeListEvents } from '../../../domain/hub/stores/events.js';
import { storeListDecider, type StoreListState } from '../../../domain/hub/stores/store-list.js';
import { storeDecider, typeSwitchRefused, type StoreState } from '../../../domain/hub/stores/store.js';
import type { EventStore } from '../../../platform/eventstore/types.js';
import { foldStream } from '../../fold-stream.js';
import { idsFor } from '../../ids.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext, CommandResult } from '../../shared/command.js';
import { storeIdOf, storeListStream, storeStream } from '../streams.js';
import { storeLists, stores } from './aggregate.js';

export const loadStoreList = async (store: EventStore, requestId: string): Promise<StoreListState> =>
  (await foldStream(store, storeListDecider, storeListEvents, storeListStream(requestId))).state;

const loadStore = async (store: EventStore, storeId: string): Promise<StoreState> =>
  (await foldStream(store, storeDecider, storeEvents, storeStream(storeId))).state;

/** Records a program's list (v1 full, v2 incremental) as pending; the worker integrates it later. */
export async function requestStoreList(
  { store, clock }: CommandDeps,
  input: { hubId: string; kind: StoreListKind; stores: readonly StoreListItem[] },
  context: CommandContext,
): Promise<CommandResult<StoreListState> & { requestId: string }> {
  const requestId = idsFor(context).next();
  const command = {
    type: 'RequestStoreList' as const,
    data: { ...input, requestId, programId: context.tenantId, now: clock.now().toISOString() },
  };
  return { ...(await storeLists.handle(requestId, command, { store, context })), requestId };
}

/** Older pending requests of the hub fail: only the most recent one is integrated (the seed's rule). */
export async function supersedeStoreLists(
  { store, clock }: CommandDeps,
  requestIds: readonly string[],
  supersededBy: string,
  context: CommandContext,
): Promise<void> {
  const command = { type: 'SupersedeStoreList' as const, data: { supersededBy, now: clock.now().toISOString() } };
  for (const requestId of requestIds) await storeLists.handle(requestId, command, { store, context });
}

export interface IntegrationDeps extends CommandDeps {
  /** The externalIds of the hub's active stores, from the read model (a v1 list deactivates those it omits). */
  activeExternalIds(hubId: string): Promise<readonly string[]>;
}

export type IntegrationOutcome = 'skipped' | 'success' | 'failed';

async function statesOf(store: EventStore, hubId: string, items: readonly StoreListItem[]): Promise<StoreState[]> {
  const states: StoreState[] = [];
  // A few reads at a time: a list holds up to 500 stores.
  for (let i = 0; i < items.length; i += 25)
    states.push(
      ...(await Promise.all(items.slice(i, i + 25).map((item) => loadStore(store, storeIdOf(hubId, item.externalId))))),
    );
  return states;
}

/**
 * Integrates a pending list: every store's events, then StoreListIntegrated with the counts. A type switch (store ↔
 * service) fails the whole list before any store changes. The events' ids derive from the request, so a retried job
 * finds what its first run appended and counts the same.
 */
export async function integrateStoreList(deps: IntegrationDeps, requestId: string): Promise<IntegrationOutcome> {
  const list = await loadStoreList(deps.store, requestId);
  if (list.status !== 'pending') return 'skipped';
  const now = deps.clock.now().toISOString();
  const context: CommandContext = {
    tenantId: list.programId,
    actor: 'hub-store-lists',
    causationId: requestId,
    idempotencySeed: requestId,
  };
  const options = { store: deps.store, context };
  const { hubId, programId } = list;
  const states = await statesOf(deps.store, hubId, list.stores);
  const switched = list.stores.findIndex((item, i) => {
    const state = states[i]!;
    return state.status !== 'none' && state.details.type !== item.type;
  });
  if (switched !== -1) {
    const item = list.stores[switched]!;
    const was = states[switched]!;
    const from = was.status === 'none' ? item.type : was.details.type;
    const { message } = typeSwitchRefused(item.externalId, from, item.type);
    await storeLists.handle(requestId, { type: 'FailStoreList', data: { resultDetail: message, now } }, options);
    return 'failed';
  }
  const counts = { created: 0, updated: 0, deactivated: 0 };
  const tally = (types: readonly string[]) => {
    if (types.includes('StoreRegistered')) counts.created++;
    else if (types.includes('StoreUpdated') || types.includes('StoreReactivated')) counts.updated++;
    if (types.includes('StoreDeactivated')) counts.deactivated++;
  };
  for (const { active, ...details } of list.stores) {
    const storeId = storeIdOf(hubId, details.externalId);
    const data = { storeId, hubId, programId, requestId, details, active: active ?? true, now };
    const result = await stores.handle(storeId, { type: 'UpsertStore', data }, options);
    tally(result.events.map((e) => e.type));
  }
  if (list.kind === 'v1') {
    const listed = new Set(list.stores.map((s) => s.externalId));
    for (const externalId of await deps.activeExternalIds(hubId)) {
      if (listed.has(externalId)) continue;
      const command = { type: 'DeactivateStore' as const, data: { requestId, now } };
      tally((await stores.handle(storeIdOf(hubId, externalId), command, options)).events.map((e) => e.type));
    }
  }
  await storeLists.handle(requestId, { type: 'RecordStoreListIntegrated', data: { ...counts, now } }, options);
  return 'success';
}
