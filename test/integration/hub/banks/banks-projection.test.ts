import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankStream, hubBankStream } from '../../../../src/commands/hub/banks/banks.js';
import { bankEvents, hubBankEvents } from '../../../../src/domain/hub/banks/events.js';
import { banksProjection } from '../../../../src/projections/hub/banks/projection.js';
import { findBank, findHubBank, hubsHoldingBank, listHubBanks } from '../../../../src/projections/hub/banks/queries.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';
import { applyToDb, recorded } from '../../../support/projection-spec.js';

/* One case per event type the banks projection handles, each applied twice: a replay changes nothing. Events are
   built in stream order, since each takes the next revision of its stream. */

const AT = '2026-12-05T09:00:00.000Z';
const LATER = '2026-12-06T09:00:00.000Z';
const fields = {
  name: 'Banque Projetée',
  cardType: 'bank' as const,
  providerCode: 'sandbox',
  country: 'FR',
  authModels: ['redirect' as const],
};

describe('the banks projection', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  const bankEvent = (bankId: string, type: keyof typeof bankEvents, data: object) =>
    recorded(type, bankEvents[type].parse({ bankId, ...data }), { stream: bankStream(bankId) });
  const added = (bankId: string) => bankEvent(bankId, 'BankAdded', { fields, active: true, addedAt: AT });
  const hubId = randomUUID();
  const programId = randomUUID();
  const linkEvent = (bankId: string, type: keyof typeof hubBankEvents, at: object) =>
    recorded(type, hubBankEvents[type].parse({ hubId, programId, bankId, ...at }), {
      stream: hubBankStream(`${hubId}-${bankId}`),
    });

  it('BankAdded inserts the bank as given', async () => {
    const bankId = randomUUID();
    await applyToDb(infra.knex, banksProjection, [added(bankId)], { replayed: true });
    expect(await findBank(infra.knex, bankId)).toEqual({ id: bankId, ...fields, active: true, version: 0 });
  });

  it('BankUpdated changes only the fields it names', async () => {
    const bankId = randomUUID();
    const first = added(bankId);
    const changed = bankEvent(bankId, 'BankUpdated', {
      changes: { name: 'Banque Renommée', authModels: ['redirect', 'decoupled'] },
      updatedAt: LATER,
    });
    await applyToDb(infra.knex, banksProjection, [first, changed], { replayed: true });
    expect(await findBank(infra.knex, bankId)).toEqual({
      id: bankId,
      ...fields,
      name: 'Banque Renommée',
      authModels: ['redirect', 'decoupled'],
      active: true,
      version: 1,
    });
  });

  it('BankStatusChanged sets active, and a replay of an older event does not undo a newer one', async () => {
    const bankId = randomUUID();
    const first = added(bankId);
    const off = bankEvent(bankId, 'BankStatusChanged', { active: false, changedAt: LATER });
    const on = bankEvent(bankId, 'BankStatusChanged', { active: true, changedAt: LATER });
    await applyToDb(infra.knex, banksProjection, [first, off], { replayed: true });
    expect(await findBank(infra.knex, bankId)).toMatchObject({ active: false, version: 1 });
    await applyToDb(infra.knex, banksProjection, [on, off]);
    expect(await findBank(infra.knex, bankId)).toMatchObject({ active: true, version: 2 });
  });

  it('HubBankAssociated lists the bank for that hub alone', async () => {
    const bankId = randomUUID();
    await applyToDb(
      infra.knex,
      banksProjection,
      [added(bankId), linkEvent(bankId, 'HubBankAssociated', { associatedAt: AT })],
      {
        replayed: true,
      },
    );
    expect(await findHubBank(infra.knex, hubId, bankId)).toMatchObject({ id: bankId, name: fields.name });
    expect((await listHubBanks(infra.knex, hubId)).map((b) => b.id)).toContain(bankId);
    expect(await findHubBank(infra.knex, randomUUID(), bankId)).toBeUndefined();
  });

  it('HubBankDissociated removes it from the hub, and replaying the association does not bring it back', async () => {
    const bankId = randomUUID();
    const first = added(bankId);
    const associated = linkEvent(bankId, 'HubBankAssociated', { associatedAt: AT });
    const dissociated = linkEvent(bankId, 'HubBankDissociated', { dissociatedAt: LATER });
    await applyToDb(infra.knex, banksProjection, [first, associated, dissociated], { replayed: true });
    expect(await findHubBank(infra.knex, hubId, bankId)).toBeUndefined();
    await applyToDb(infra.knex, banksProjection, [associated]);
    expect(await findHubBank(infra.knex, hubId, bankId)).toBeUndefined();
    expect((await listHubBanks(infra.knex, hubId, 'bank')).map((b) => b.id)).not.toContain(bankId);
  });

  it('HubBankStatusNotified moves the link’s version and keeps the bank held; hubsHoldingBank names the holders', async () => {
    const bankId = randomUUID();
    const associated = linkEvent(bankId, 'HubBankAssociated', { bankActive: true, associatedAt: AT });
    const notified = linkEvent(bankId, 'HubBankStatusNotified', { active: false, notifiedAt: LATER });
    await applyToDb(infra.knex, banksProjection, [added(bankId), associated, notified], { replayed: true });
    const link = (await infra.knex('rm_hub_hub_banks').where({ hub_id: hubId, bank_id: bankId }).first()) as Record<
      string,
      unknown
    >;
    expect(link).toMatchObject({ associated: true, version: notified.revision.toString() });
    expect(await hubsHoldingBank(infra.knex, bankId)).toEqual([{ hubId, programId }]);
  });
});
