import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresBlobStore, sha256 } from '../../../src/commands/hub/ports/blob-store.js';
import { blobWriterFor } from '../../../src/platform/blob-writer/index.js';
import { isDatabaseUnreachable } from '../../../src/platform/db.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';

/* The BlobStore's writes go through a thread of their own: what it stores is read back, what fails is told. */

describe('the blob writer thread', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  it('given a 2 MB image, when put, then its bytes are stored by digest and read back the same', async () => {
    const bytes = randomBytes(2 * 1024 * 1024);
    const copy = Buffer.from(bytes);
    const owner = { hubId: randomUUID(), customerId: randomUUID(), ownerId: randomUUID() };
    const blobs = postgresBlobStore(infra.knex);
    const ref = await blobs.put(bytes, 'image/jpeg', owner);
    expect(ref).toEqual({ digest: sha256(copy), size: copy.length, mediaType: 'image/jpeg' });
    const stored = await blobs.get(owner.hubId, ref.digest);
    expect(stored?.mediaType).toBe('image/jpeg');
    expect(stored?.bytes.equals(copy)).toBe(true);
  });

  it('given small bytes that share Node’s buffer pool, when put, then they are copied, not taken from their owner', async () => {
    const pool = Buffer.from('0123456789abcdef'.repeat(4));
    const slice = pool.subarray(16, 32);
    const owner = { hubId: randomUUID(), customerId: randomUUID(), ownerId: randomUUID() };
    const ref = await postgresBlobStore(infra.knex).put(slice, 'image/png', owner);
    expect(pool.length).toBe(64);
    expect((await postgresBlobStore(infra.knex).get(owner.hubId, ref.digest))?.bytes.toString()).toBe(
      '0123456789abcdef',
    );
  });

  it('given the same image put at once for two receipts, then its chunks are stored once and both hold it', async () => {
    const bytes = randomBytes(300 * 1024);
    const copy = Buffer.from(bytes);
    const [a, b] = [randomUUID(), randomUUID()].map((hubId) => ({
      hubId,
      customerId: randomUUID(),
      ownerId: randomUUID(),
    }));
    const blobs = postgresBlobStore(infra.knex);
    const [ref] = await Promise.all([
      blobs.put(bytes, 'image/jpeg', a!),
      blobs.put(Buffer.from(copy), 'image/jpeg', b!),
    ]);
    const chunks = await infra.knex('hub_blob_chunks').where({ digest: ref.digest }).orderBy('seq').select('seq');
    expect(chunks.map((c: { seq: number }) => c.seq)).toEqual([0, 1, 2]);
    for (const owner of [a!, b!]) expect((await blobs.get(owner.hubId, ref.digest))?.bytes.equals(copy)).toBe(true);
  });

  it('given an image stored whole before chunks (hub_blobs.bytes), when read, then its bytes come back', async () => {
    const bytes = randomBytes(1000);
    const digest = sha256(bytes);
    const owner = { hubId: randomUUID(), customerId: randomUUID(), ownerId: randomUUID() };
    await infra
      .knex('hub_blobs')
      .insert({ digest, media_type: 'image/png', size: 1000, bytes, created_at: new Date() });
    await infra.knex('hub_blob_refs').insert({
      digest,
      hub_id: owner.hubId,
      customer_id: owner.customerId,
      owner_id: owner.ownerId,
    });
    expect((await postgresBlobStore(infra.knex).get(owner.hubId, digest))?.bytes.equals(bytes)).toBe(true);
  });

  it('given a database that does not answer, when a write is asked, then it fails as unreachable (a 503 at the edge)', async () => {
    const writer = blobWriterFor('postgres://postgres@127.0.0.1:1/nowhere', 500);
    const statement = { text: 'select 1', values: [] };
    const write = { claim: statement, chunk: statement, then: statement, chunkSize: 4 };
    const failed = await writer.write(write, randomBytes(10)).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    expect(isDatabaseUnreachable(failed)).toBe(true);
  });
});
