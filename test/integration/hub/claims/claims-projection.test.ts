import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimStream, transactionStream } from '../../../../src/commands/hub/streams.js';
import { claimEvents } from '../../../../src/domain/hub/claims/events.js';
import { transactionEvents } from '../../../../src/domain/hub/transactions/events.js';
import { claimsProjection } from '../../../../src/projections/hub/claims/projection.js';
import { claimOfHub, pendingWithoutAttachment } from '../../../../src/projections/hub/claims/queries.js';
import { transactionsProjection } from '../../../../src/projections/hub/transactions/projection.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';
import { applyToDb, recorded } from '../../../support/projection-spec.js';

/* One case per claim event type, each applied twice: a replay changes nothing. */

const AT = '2026-12-05T09:00:00.000Z';
const store = { id: randomUUID(), externalId: 'U-1', name: 'Corner Shop', type: 'store' as const };

describe('the hub claims projection', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  const hubId = randomUUID();
  const ev = (claimId: string, type: keyof typeof claimEvents, data: object) =>
    recorded(type, claimEvents[type].parse({ claimId, ...data }), { stream: claimStream(claimId) });
  const filed = (claimId: string, attachment: object | null = null) =>
    ev(claimId, 'ClaimFiled', {
      hubId,
      programId: randomUUID(),
      customerId: randomUUID(),
      customerExternalId: 'ext-1',
      store,
      amount: -500,
      currency: 'EUR',
      transactionDate: '2026-12-02',
      additionalFeedback: null,
      attachment,
      filedBy: 'customer',
      filedAt: AT,
    });
  const row = (id: string) => claimOfHub(infra.knex, hubId, id);
  const apply = (events: ReturnType<typeof ev>[]) =>
    applyToDb(infra.knex, claimsProjection, events, { replayed: true });

  it('ClaimFiled adds a pending claim; without attachment it is claimExpiry’s', async () => {
    const id = randomUUID();
    const withPhoto = randomUUID();
    await apply([filed(id), filed(withPhoto, { digest: 'cd'.repeat(32), size: 3, mediaType: 'image/jpeg' })]);
    expect(await row(id)).toMatchObject({ status: 'pending', amount: '-500', store_external_id: 'U-1' });
    const waiting = (await pendingWithoutAttachment(infra.knex, hubId)).map((c) => c.claimId);
    expect(waiting).toContain(id);
    expect(waiting).not.toContain(withPhoto);
  });

  it('ClaimValidated keeps the transaction', async () => {
    const id = randomUUID();
    const transactionId = randomUUID();
    await apply([filed(id), ev(id, 'ClaimValidated', { transactionId, by: 'automatic', validatedAt: AT })]);
    expect(await row(id)).toMatchObject({ status: 'validated', transaction_id: transactionId });
  });

  it('ClaimRejected keeps the code and reason', async () => {
    const id = randomUUID();
    await apply([
      filed(id),
      ev(id, 'ClaimRejected', { code: 'DUPLICATED', rejectionReason: 'twice', by: 'automatic', rejectedAt: AT }),
    ]);
    expect(await row(id)).toMatchObject({ status: 'rejected', code: 'DUPLICATED', rejection_reason: 'twice' });
  });

  it('TransactionAssociated with a claimId marks the debit as backing that claim', async () => {
    const transactionId = randomUUID();
    const claimId = randomUUID();
    const stream = transactionStream(transactionId);
    const tx = (type: keyof typeof transactionEvents, data: object) =>
      recorded(type, transactionEvents[type].parse({ transactionId, ...data }), { stream });
    await applyToDb(
      infra.knex,
      transactionsProjection,
      [
        tx('TransactionImported', {
          hubId,
          programId: randomUUID(),
          customerId: randomUUID(),
          connectionId: randomUUID(),
          providerTransactionId: 'x',
          label: 'CB UNKNOWN SHOP',
          amount: -500,
          currency: 'EUR',
          purchaseDate: '2026-12-02',
          dateBankingStatement: '2026-12-02',
          dataProviderType: 'bank',
          eligibleFrom: AT,
          importedAt: AT,
        }),
        tx('TransactionUnmatched', { reason: 'noStore', unmatchedAt: AT }),
        tx('TransactionAssociated', {
          purchaseLocation: { id: store.id, externalId: store.externalId, type: store.type },
          associatedAt: AT,
          claimId,
        }),
      ],
      { replayed: true },
    );
    const [txRow] = await infra
      .knex('rm_hub_transactions')
      .where({ id: transactionId })
      .select<{ status: string; claim_id: string }[]>('status', 'claim_id');
    expect(txRow).toEqual({ status: 'matched', claim_id: claimId });
  });
});
