import { hashPassword, newSecret, sha256Hex } from '../../src/platform/crypto.js';
import { timedBar } from '../shared/progress.js';
import { perSecondFor } from '../shared/run.js';

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
  let sink = 0;
  try {
    return await perSecondFor(seconds, () => {
      for (let i = 0; i < 1000; i++) sink += sha256Hex(secret + String(i)).charCodeAt(0);
      return 1000;
    });
  } finally {
    progress.stop();
    if (sink < 0) console.error('unreachable: keeps the digests from being optimised away');
  }
}
