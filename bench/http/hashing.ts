import { hashPassword, newSecret, sha256Hex } from '../../src/platform/crypto.js';
import { timedBar } from '../eventstore/progress.js';

/** Hashes per second of one timed run. */
export interface HashRound {
  readonly perSecond: number;
  readonly count: number;
}

/**
 * `concurrency` loops of `hashPassword` (scrypt N=16384, r=8: ~16 MiB and tens
 * of ms of CPU each, in libuv's thread pool) for `seconds`.
 */
export async function scryptRound(label: string, seconds: number, concurrency: number): Promise<HashRound> {
  const progress = timedBar(label, seconds);
  let count = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async (_, i) => {
        while (performance.now() < deadline) {
          await hashPassword(`bench password ${i} ${count}`);
          count++;
        }
      }),
    );
  } finally {
    progress.stop();
  }
  return { perSecond: count / ((performance.now() - started) / 1000), count };
}

/** `sha256Hex` of a generated secret, as authentication does per request, in one thread for `seconds`. */
export async function sha256Round(label: string, seconds: number): Promise<HashRound> {
  const progress = timedBar(label, seconds);
  const secret = newSecret('sk');
  let count = 0;
  let sink = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  try {
    while (performance.now() < deadline) {
      for (let i = 0; i < 1000; i++) sink += sha256Hex(secret + String(i)).charCodeAt(0);
      count += 1000;
      // Let the progress bar draw.
      if (count % 50_000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    progress.stop();
  }
  if (sink < 0) throw new Error('unreachable: keeps the digests from being optimised away');
  return { perSecond: count / ((performance.now() - started) / 1000), count };
}
