import type { Knex } from 'knex';
import { bankEvents, hubBankEvents, type BankEvent, type HubBankEvent } from '../../../domain/hub/banks/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import { changeRow, familiesProjection, insertOnce, type EventHandlers } from '../../shared/handlers.js';
import { columnsOf } from '../../shared/columns.js';

export const HUB_BANKS_PROJECTION = 'hub-banks';
const BANKS = 'rm_hub_banks';
const HUB_BANKS = 'rm_hub_hub_banks';

const bankHandlers: EventHandlers<BankEvent> = {
  BankAdded: (trx, d, event) =>
    insertOnce(trx, BANKS, 'id', event, {
      id: d.bankId,
      ...columnsOf(d.fields),
      active: d.active,
      created_at: d.addedAt,
      updated_at: d.addedAt,
    }),
  BankUpdated: (trx, d, event) =>
    changeRow(trx, BANKS, { id: d.bankId }, event, { ...columnsOf(d.changes), updated_at: d.updatedAt }),
  BankStatusChanged: (trx, d, event) =>
    changeRow(trx, BANKS, { id: d.bankId }, event, { active: d.active, updated_at: d.changedAt }),
};

/** Upserts the (hub, bank) row unless it holds this event already. */
type Link = Extract<HubBankEvent, { type: 'HubBankAssociated' | 'HubBankDissociated' }>['data'];
const link = (trx: Knex.Transaction, d: Link, event: RecordedEvent, associated: boolean, at: string) =>
  trx(HUB_BANKS)
    .insert({
      hub_id: d.hubId,
      bank_id: d.bankId,
      program_id: d.programId,
      associated,
      updated_at: at,
      version: event.revision.toString(),
    })
    .onConflict(['hub_id', 'bank_id'])
    .merge(['associated', 'updated_at', 'version'])
    .where(`${HUB_BANKS}.version`, '<', event.revision.toString());

const hubBankHandlers: EventHandlers<HubBankEvent> = {
  HubBankAssociated: (trx, d, event) => link(trx, d, event, true, d.associatedAt),
  HubBankDissociated: (trx, d, event) => link(trx, d, event, false, d.dissociatedAt),
  HubBankStatusNotified: (trx, d, event) =>
    changeRow(trx, HUB_BANKS, { hub_id: d.hubId, bank_id: d.bankId }, event, { updated_at: d.notifiedAt }),
};

/** The bank catalogue and which hub holds which bank (flow 7). */
export const banksProjection = familiesProjection(
  { name: HUB_BANKS_PROJECTION, version: 1, tables: [BANKS, HUB_BANKS] },
  [bankEvents, bankHandlers],
  [hubBankEvents, hubBankHandlers],
);
