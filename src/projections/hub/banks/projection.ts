import type { Knex } from 'knex';
import { bankEvents, hubBankEvents, type BankEvent, type HubBankEvent } from '../../../domain/hub/banks/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import type { Projection } from '../../projection.js';
import { applyByType, changeRow, type EventHandlers } from '../../shared/handlers.js';

export const HUB_BANKS_PROJECTION = 'hub-banks';
const BANKS = 'rm_hub_banks';
const HUB_BANKS = 'rm_hub_hub_banks';

/** Every event moves its row's version; one at or below it was applied already (a replay) and changes nothing. */

const bankHandlers: EventHandlers<BankEvent> = {
  BankAdded: (trx, d, event) =>
    trx(BANKS)
      .insert({
        id: d.bankId,
        name: d.fields.name,
        card_type: d.fields.cardType,
        provider_code: d.fields.providerCode,
        country: d.fields.country,
        auth_models: JSON.stringify(d.fields.authModels),
        active: d.active,
        created_at: d.addedAt,
        updated_at: d.addedAt,
        version: event.revision.toString(),
      })
      .onConflict('id')
      .ignore(),
  BankUpdated: (trx, d, event) => {
    const c = d.changes;
    return changeRow(trx, BANKS, { id: d.bankId }, event, {
      ...(c.name !== undefined ? { name: c.name } : {}),
      ...(c.cardType !== undefined ? { card_type: c.cardType } : {}),
      ...(c.providerCode !== undefined ? { provider_code: c.providerCode } : {}),
      ...(c.country !== undefined ? { country: c.country } : {}),
      ...(c.authModels !== undefined ? { auth_models: JSON.stringify(c.authModels) } : {}),
      updated_at: d.updatedAt,
    });
  },
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

const applyBank = applyByType(bankEvents, bankHandlers);
const applyHubBank = applyByType(hubBankEvents, hubBankHandlers);

/** The bank catalogue and which hub holds which bank (flow 7). */
export const banksProjection: Projection = {
  name: HUB_BANKS_PROJECTION,
  version: 1,
  eventTypes: [...Object.keys(bankHandlers), ...Object.keys(hubBankHandlers)],
  tables: [BANKS, HUB_BANKS],
  async apply(trx, event) {
    if (event.type in bankHandlers) return applyBank(trx, event);
    return applyHubBank(trx, event);
  },
};
