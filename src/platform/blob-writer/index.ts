import { Worker } from 'node:worker_threads';
import { READ_MODEL_ONLY } from '../eventstore/types.js';
import type { ChunkedWrite } from './chunked-write.js';

/** Runs a chunked write (chunked-write.ts) of `bytes` off the event loop (thread.ts says why). */
export interface BlobWriter {
  write(write: ChunkedWrite, bytes: Buffer): Promise<void>;
}

interface Answer {
  readonly id: number;
  readonly error?: { readonly message: string; readonly code?: string; readonly name?: string };
}

// Under tsx or vitest this module is the .ts source; built, it is .js beside thread.js.
const THREAD = new URL(import.meta.url.endsWith('.ts') ? './thread.ts' : './thread.js', import.meta.url);

function threadWriter(connectionString: string, connectTimeoutMs: number): BlobWriter {
  let worker: Worker | undefined;
  let next = 0;
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  // A thread's 'error' is followed by its 'exit': only the thread in use fails what waits, not a successor.
  const failAll = (thread: Worker, error: Error) => {
    if (worker !== thread) return;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
    worker = undefined;
  };
  const started = (): Worker => {
    if (worker) return worker;
    // Its writes append no event: named so, they hold no reader of the event log back while they run.
    const applicationName = READ_MODEL_ONLY;
    const thread = new Worker(THREAD, { workerData: { connectionString, connectTimeoutMs, applicationName } });
    thread.on('message', ({ id, error }: Answer) => {
      const pending = waiting.get(id);
      waiting.delete(id);
      if (waiting.size === 0) thread.unref();
      if (!pending) return;
      if (!error) return pending.resolve();
      pending.reject(Object.assign(new Error(error.message), { code: error.code, name: error.name ?? 'Error' }));
    });
    thread.on('error', (error: Error) => failAll(thread, error));
    thread.on('exit', (code) => failAll(thread, new Error(`the blob writer thread stopped (exit ${code})`)));
    // Idle, it holds nothing worth waiting for: a process that is done does not wait for it (unref'd after the
    // listeners, which would hold it again); a write under way holds it.
    thread.unref();
    worker = thread;
    return thread;
  };
  return {
    write(write, bytes) {
      // Moved when the Buffer owns its memory (a large upload's), else copied (a slice of Node's shared pool).
      const owns = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      const buffer = owns
        ? (bytes.buffer as ArrayBuffer)
        : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      const id = next++;
      return new Promise<void>((resolve, reject) => {
        const thread = started();
        if (waiting.size === 0) thread.ref();
        waiting.set(id, { resolve, reject });
        thread.postMessage({ id, write, bytes: buffer }, [buffer as ArrayBuffer]);
      });
    },
  };
}

const writers = new Map<string, BlobWriter>();

/** The process's writer for this database (one thread each, started on first use). */
export function blobWriterFor(connectionString: string, connectTimeoutMs = 5_000): BlobWriter {
  let writer = writers.get(connectionString);
  if (!writer) writers.set(connectionString, (writer = threadWriter(connectionString, connectTimeoutMs)));
  return writer;
}
