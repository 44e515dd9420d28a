/**
 * The BlobStore's writes in a thread of their own. Sending a 1 MB image to PostgreSQL is a large socket write that
 * the event loop would otherwise do itself, in one go, for every upload (a third of the API's time in bench:hub's
 * receipts line): the thread takes the bytes (moved, not copied, when they own their memory) and runs the statement
 * on its own small pool, so the loop goes on with other requests meanwhile.
 *
 * This file runs in the thread, under Node's own type stripping (no build step, no tsx): it imports no file of the
 * project, only `pg` and Node.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';

interface WriteRequest {
  readonly id: number;
  readonly text: string;
  readonly values: readonly unknown[];
  /** The index in `values` of the bytes, sent as an ArrayBuffer. */
  readonly bytesAt: number;
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
  options: '-c idle_in_transaction_session_timeout=60000',
});
// An idle client that loses its server (a restart) must not end the thread: the next write connects again.
pool.on('error', () => undefined);

parentPort?.on('message', (request: WriteRequest) => {
  const values = [...request.values];
  values[request.bytesAt] = Buffer.from(values[request.bytesAt] as ArrayBuffer);
  pool.query(request.text, values).then(
    () => parentPort?.postMessage({ id: request.id }),
    (error: unknown) => {
      const { message, code, name } = error as { message?: string; code?: string; name?: string };
      parentPort?.postMessage({ id: request.id, error: { message: String(message ?? error), code, name } });
    },
  );
});
