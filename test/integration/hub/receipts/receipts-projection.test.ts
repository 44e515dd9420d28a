import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptStream, transactionStream } from '../../../../src/commands/hub/streams.js';
import { customerEvents } from '../../../../src/domain/hub/customers/events.js';
import { receiptEvents } from '../../../../src/domain/hub/receipts/events.js';
import { transactionEvents } from '../../../../src/domain/hub/transactions/events.js';
import { blobErasureProjection } from '../../../../src/projections/hub/blobs/projection.js';
import { receiptsProjection } from '../../../../src/projections/hub/receipts/projection.js';
import { receiptOfHub } from '../../../../src/projections/hub/receipts/queries.js';
import { transactionsProjection } from '../../../../src/projections/hub/transactions/projection.js';
import { transactionsByIds } from '../../../../src/projections/hub/transactions/queries.js';
import { postgresBlobStore } from '../../../../src/commands/hub/ports/blob-store.js';
import { transactionItem } from '../../../../src/http/hub/transactions/present.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';
import { applyToDb, recorded } from '../../../support/projection-spec.js';

/* One case per receipt event type, each applied twice (a replay changes nothing); a scan transaction; erasure. */

const AT = '2026-12-05T09:00:00.000Z';
const store = { id: randomUUID(), externalId: 'A-1', type: 'store' as const };

describe('the hub receipts projection', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  const hubId = randomUUID();
  const customerId = randomUUID();
  const ev = (receiptId: string, type: keyof typeof receiptEvents, data: object) =>
    recorded(type, receiptEvents[type].parse({ receiptId, ...data }), { stream: receiptStream(receiptId) });
  const uploaded = (receiptId: string) =>
    ev(receiptId, 'ReceiptUploaded', {
      hubId,
      programId: randomUUID(),
      customerId,
      customerExternalId: 'ext-1',
      image: { digest: 'ab'.repeat(32), size: 10, mediaType: 'image/png' },
      filename: 'a.png',
      first: false,
      uploadedAt: AT,
    });
  const row = (id: string) => receiptOfHub(infra.knex, hubId, id);
  const apply = (events: ReturnType<typeof ev>[]) =>
    applyToDb(infra.knex, receiptsProjection, events, { replayed: true });

  it('ReceiptUploaded adds a pending receipt with its image digest', async () => {
    const id = randomUUID();
    await apply([uploaded(id)]);
    expect(await row(id)).toMatchObject({ status: 'pending', image_digest: 'ab'.repeat(32), media_type: 'image/png' });
  });

  it('ReceiptRead keeps what the reader read', async () => {
    const id = randomUUID();
    await apply([
      uploaded(id),
      ev(id, 'ReceiptRead', {
        ocrBusinessIdentifier: 'A-1',
        ocrTotal: 2417,
        ocrCurrency: 'EUR',
        ocrDate: '2026-12-03',
        ocrTime: '13:09',
        ocrPaymentMethod: 'card',
        readAt: AT,
      }),
    ]);
    expect(await row(id)).toMatchObject({ ocr_business_identifier: 'A-1', ocr_total: '2417', ocr_time: '13:09' });
  });

  it('ReceiptStoreDeclared keeps the declared store', async () => {
    const id = randomUUID();
    await apply([
      uploaded(id),
      ev(id, 'ReceiptStoreDeclared', { storeId: store.id, storeName: 'Store A', declaredAt: AT }),
    ]);
    expect(await row(id)).toMatchObject({ declared_store_id: store.id, declared_store_name: 'Store A' });
  });

  it('ReceiptPutUnderReview puts it in the queue', async () => {
    const id = randomUUID();
    await apply([uploaded(id), ev(id, 'ReceiptPutUnderReview', { at: AT })]);
    expect(await row(id)).toMatchObject({ status: 'underReview' });
  });

  it('ReceiptValidated keeps the purchase and its transaction', async () => {
    const id = randomUUID();
    const transactionId = randomUUID();
    await apply([
      uploaded(id),
      ev(id, 'ReceiptValidated', {
        transactionId,
        purchaseLocation: store,
        amount: -2417,
        currency: 'EUR',
        purchaseDate: '2026-12-03',
        timeOfPurchase: '13:09',
        by: 'automatic',
        validatedAt: AT,
      }),
    ]);
    expect(await row(id)).toMatchObject({ status: 'validated', amount: '-2417', transaction_id: transactionId });
  });

  it('ReceiptRejected keeps the reason; ReceiptReopened clears it', async () => {
    const id = randomUUID();
    const first = uploaded(id);
    const rejected = ev(id, 'ReceiptRejected', { rejectionReason: 'incomplete', by: 'automatic', rejectedAt: AT });
    await apply([first, rejected]);
    expect(await row(id)).toMatchObject({ status: 'rejected', rejection_reason: 'incomplete' });
    await apply([ev(id, 'ReceiptReopened', { reopenedAt: AT })]);
    expect(await row(id)).toMatchObject({ status: 'pending', rejection_reason: null });
    // The rejection replayed after the reopening changes nothing (its revision is behind the row's).
    await applyToDb(infra.knex, receiptsProjection, [rejected]);
    expect(await row(id)).toMatchObject({ status: 'pending' });
  });

  it('a scan transaction (TransactionImported with receiptId) shows its receipt and time of purchase', async () => {
    const transactionId = randomUUID();
    const receiptId = randomUUID();
    const stream = transactionStream(transactionId);
    const events = [
      recorded(
        'TransactionImported',
        transactionEvents.TransactionImported.parse({
          transactionId,
          hubId,
          programId: randomUUID(),
          customerId,
          connectionId: receiptId,
          providerTransactionId: receiptId,
          label: 'RECEIPT A-1',
          amount: -2417,
          currency: 'EUR',
          purchaseDate: '2026-12-03',
          dateBankingStatement: '2026-12-03',
          dataProviderType: 'scan',
          eligibleFrom: '2026-12-03',
          importedAt: AT,
          receiptId,
          timeOfPurchase: '13:09',
        }),
        { stream },
      ),
      recorded(
        'TransactionMatched',
        transactionEvents.TransactionMatched.parse({
          transactionId,
          purchaseLocation: store,
          pattern: '',
          matchedAt: AT,
        }),
        { stream },
      ),
    ];
    await applyToDb(infra.knex, transactionsProjection, events, { replayed: true });
    const [tx] = await transactionsByIds(infra.knex, [transactionId]);
    expect(transactionItem(tx!)).toMatchObject({
      receiptId,
      timeOfPurchase: '2026-12-03 13:09:00.000000 +00:00',
      dataProviderType: 'scan',
      purchaseLocation: { externalId: 'A-1' },
    });
  });

  it('a page applied at once gives the rows one event at a time gives, replays included', async () => {
    const [folded, older] = [randomUUID(), randomUUID()];
    const first = uploaded(older);
    const page = [
      uploaded(folded),
      ev(folded, 'ReceiptRead', {
        ocrBusinessIdentifier: 'A-1',
        ocrTotal: 990,
        ocrCurrency: 'EUR',
        ocrDate: '2026-12-03',
        ocrTime: null,
        ocrPaymentMethod: null,
        readAt: AT,
      }),
      ev(older, 'ReceiptPutUnderReview', { at: AT }),
      ev(folded, 'ReceiptRejected', { rejectionReason: 'incomplete', by: 'automatic', rejectedAt: AT }),
      ev(folded, 'ReceiptReopened', { reopenedAt: AT }),
    ];
    const rows = async () => [await row(folded), await row(older)];
    await applyToDb(infra.knex, receiptsProjection, [first, ...page]);
    const oneByOne = await rows();
    await infra.knex('rm_hub_receipts').whereIn('id', [folded, older]).delete();
    await applyToDb(infra.knex, receiptsProjection, [first]);
    await applyToDb(infra.knex, receiptsProjection, page, { batch: true, replayed: true });
    expect(await rows()).toEqual(oneByOne);
    expect(oneByOne[0]).toMatchObject({ status: 'pending', rejection_reason: null, ocr_total: '990', version: '3' });
    // An older page replayed over a newer row changes nothing.
    await applyToDb(infra.knex, receiptsProjection, page.slice(0, 2), { batch: true });
    expect(await rows()).toEqual(oneByOne);
  });

  it('CustomerDeleted erases the images only that customer referenced', async () => {
    const blobs = postgresBlobStore(infra.knex);
    const gone = randomUUID();
    const stays = randomUUID();
    const mine = await blobs.put(Buffer.from(`mine ${gone}`), 'image/png', {
      hubId,
      customerId: gone,
      ownerId: randomUUID(),
    });
    const shared = Buffer.from(`shared ${gone}`);
    await blobs.put(shared, 'image/png', { hubId, customerId: gone, ownerId: randomUUID() });
    const theirs = await blobs.put(shared, 'image/png', { hubId, customerId: stays, ownerId: randomUUID() });
    const deleted = recorded(
      'CustomerDeleted',
      customerEvents.CustomerDeleted.parse({ customerId: gone, by: 'customer', deletedAt: AT }),
      { stream: `customer-${gone}` },
    );
    await applyToDb(infra.knex, blobErasureProjection, [deleted], { replayed: true });
    expect(await blobs.get(hubId, mine.digest)).toBeUndefined();
    expect((await blobs.get(hubId, theirs.digest))?.bytes.equals(shared)).toBe(true);
    expect(await blobs.get(randomUUID(), theirs.digest)).toBeUndefined();
  });
});
