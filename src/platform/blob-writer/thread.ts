/**
 * The BlobStore's writes in a thread of their own. Sending a 1 MB image to PostgreSQL is a large socket write that
 * the event loop would otherwise do itself, in one go, for every upload (a third of the API's time in bench:hub's
 * receipts line): the thread takes the bytes (moved, not copied, when they own their memory) and runs the write on
 * its own small pool, so the loop goes on with other requests meanwhile.
 *
 * This file runs in the thread, under Node's own type stripping (no build step, no tsx): it imports no file of the
 * project at run time, only `pg` and Node.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import type { ChunkedWrite } from './chunked-write.js';

interface WriteRequest {
  readonly id: number;
  readonly write: ChunkedWrite;
  readonly bytes: ArrayBuffer;
}

const { connectionString, connectTimeoutMs, applicationName } = workerData as {
  connectionString: string;
  connectTimeoutMs: number;
  applicationName: string;
};
const pool = new pg.Pool({
  connectionString,
  application_name: applicationName,
  max: 4,
  idleTimeoutMillis: 1_000,
  connectionTimeoutMillis: connectTimeoutMs,
  // Its statements carry 120 KB parameters: a custom plan per execution would copy each into the plan.
  options: '-c idle_in_transaction_session_timeout=60000 -c plan_cache_mode=force_generic_plan',
});
// An idle client that loses its server (a restart) must not end the thread: the next write connects again.
pool.on('error', () => undefined);

async function run({ claim, chunk, then, chunkSize }: ChunkedWrite, bytes: Buffer): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const claimed = await client.query(claim.text, [...claim.values]);
    for (let seq = 0, at = 0; claimed.rowCount === 1 && at < bytes.length; seq += 1, at += chunkSize)
      await client.query(chunk.text, [...chunk.values, seq, bytes.subarray(at, at + chunkSize)]);
    await client.query(then.text, [...then.values]);
    await client.query('commit');
    client.release();
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    client.release(true);
    throw error;
  }
}

parentPort?.on('message', (request: WriteRequest) => {
  run(request.write, Buffer.from(request.bytes)).then(
    () => parentPort?.postMessage({ id: request.id }),
    (error: unknown) => {
      const { message, code, name } = error as { message?: string; code?: string; name?: string };
      parentPort?.postMessage({ id: request.id, error: { message: String(message ?? error), code, name } });
    },
  );
});
