import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReceipt, type ReceiptSeen } from '../../../../src/commands/hub/receipts/receipts.js';
import { receiptStream, scanTransactionIdOf, transactionStream } from '../../../../src/commands/hub/streams.js';
import type { CommandContext } from '../../../../src/commands/shared/command.js';
import { fixedClock } from '../../../../src/platform/clock.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';

/* postReceipt's write: the receipt and, when validated, its scan transaction, all or nothing. */

const clock = fixedClock('2026-12-05T09:00:00.000Z');
const shop = { id: randomUUID(), externalId: 'S-1', type: 'store' as const };
const readable: ReceiptSeen = {
  reading: {
    kind: 'read',
    ocr: {
      businessIdentifier: 'S-1',
      total: 2417,
      currency: 'EUR',
      date: '2026-12-04',
      time: '12:00',
      paymentMethod: null,
    },
  },
  facts: { store: shop, knownElsewhere: false, eligibleFrom: '2026-01-01T00:00:00.000Z', duplicate: false },
  customerExternalId: 'ext-1',
};
const unreadable: ReceiptSeen = { ...readable, reading: { kind: 'unreadable' } };

describe('submitting an uploaded receipt', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  const programId = randomUUID();
  const context: CommandContext = { tenantId: programId, actor: 'customer:test' };
  const upload = (receiptId: string) => ({
    receiptId,
    hubId: randomUUID(),
    programId,
    customerId: randomUUID(),
    image: { digest: 'ab'.repeat(32), size: 10, mediaType: 'image/jpeg' as const },
    filename: 'S-1_24.17_20261204_1200.jpg',
    first: false,
  });
  const deps = () => ({ store: infra.store, clock });
  const streamsOf = async (receiptId: string) => ({
    receipt: await infra.store.readStream(receiptStream(receiptId)),
    transaction: await infra.store.readStream(transactionStream(scanTransactionIdOf(receiptId))),
  });

  it('given a readable receipt at an active store, when submitted, then it and its scan transaction are one write', async () => {
    const receiptId = randomUUID();
    const result = await submitReceipt(deps(), upload(receiptId), readable, context);
    expect(result.state.status).toBe('validated');
    const { receipt, transaction } = await streamsOf(receiptId);
    expect(receipt.map((e) => e.type)).toEqual(['ReceiptUploaded', 'ReceiptRead', 'ReceiptValidated']);
    expect(transaction.map((e) => e.type)).toEqual(['TransactionImported', 'TransactionMatched']);
    // One PostgreSQL transaction holds them all; the answer's position is the last of them.
    expect(new Set([...receipt, ...transaction].map((e) => e.position.commit)).size).toBe(1);
    expect(result.receiptPosition).toEqual(transaction.at(-1)?.position);
    expect(transaction[0]?.metadata).toMatchObject({ tenantId: programId, actor: 'customer:test' });
  });

  it('given an unreadable receipt, when submitted, then only the receipt is written, put under review', async () => {
    const receiptId = randomUUID();
    const result = await submitReceipt(deps(), upload(receiptId), unreadable, context);
    expect(result.state.status).toBe('underReview');
    const { receipt, transaction } = await streamsOf(receiptId);
    expect(receipt.map((e) => e.type)).toEqual(['ReceiptUploaded', 'ReceiptPutUnderReview']);
    expect(transaction).toEqual([]);
  });

  it('given the receipt submitted already (the same id again), when submitted, then nothing is written twice', async () => {
    const receiptId = randomUUID();
    await submitReceipt(deps(), upload(receiptId), readable, context);
    const again = await submitReceipt(deps(), upload(receiptId), readable, context);
    expect(again.state.status).toBe('validated');
    const { receipt, transaction } = await streamsOf(receiptId);
    expect(receipt).toHaveLength(3);
    expect(transaction).toHaveLength(2);
  });

  it('given its transaction stream there already, when submitted, then the whole write fails, and the receipt is decided again and written with its transaction once', async () => {
    const receiptId = randomUUID();
    const stream = transactionStream(scanTransactionIdOf(receiptId));
    await infra.store.append(stream, [{ id: randomUUID(), type: 'Planted', data: {} }], {
      expectedRevision: 'no_stream',
    });
    const result = await submitReceipt(deps(), upload(receiptId), readable, context);
    expect(result.state.status).toBe('validated');
    const { receipt, transaction } = await streamsOf(receiptId);
    expect(receipt.map((e) => e.type)).toEqual(['ReceiptUploaded', 'ReceiptRead', 'ReceiptValidated']);
    expect(transaction.map((e) => e.type)).toEqual(['Planted', 'TransactionImported', 'TransactionMatched']);
  });
});
