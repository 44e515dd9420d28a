import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import { CommandFailure } from './command.js';
import type { CliStream } from './context.js';

/** Where an export goes. `write` resolves once the stream can take more: a slow reader holds the export back. */
export interface Sink {
  /** For the summary line: the file's path, or "stdout". */
  readonly name: string;
  write(chunk: string): Promise<void>;
  finish(): Promise<void>;
  /** Gives up: a file export leaves nothing behind. */
  abort(): Promise<void>;
}

/** Resolves on 'drain'; rejects if the stream fails or closes first. */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error): void => {
      stream.off('drain', onDrain).off('error', onError).off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = (): void => settle();
    const onError = (error: Error): void => settle(error);
    const onClose = (): void => settle(Object.assign(new Error('output closed'), { code: 'EPIPE' }));
    stream.on('drain', onDrain).on('error', onError).on('close', onClose);
  });
}

async function writeTo(stream: Writable, chunk: string): Promise<void> {
  if (stream.destroyed) throw Object.assign(new Error('output closed'), { code: 'EPIPE' });
  if (!stream.write(chunk)) await drained(stream);
}

export function streamSink(stream: CliStream, name = 'stdout'): Sink {
  let failure: Error | undefined;
  const onError = (error: Error): void => {
    failure ??= error;
  };
  stream.on('error', onError);
  return {
    name,
    async write(chunk) {
      if (failure) throw failure;
      await writeTo(stream, chunk);
    },
    async finish() {
      if (stream.writableNeedDrain) await drained(stream);
      if (failure) throw failure;
    },
    abort: () => Promise.resolve(),
  };
}

/**
 * Writes beside the target and renames into place on success, so an interrupted
 * or failed export never leaves a truncated file under the name asked for.
 */
export async function fileSink(path: string): Promise<Sink> {
  const partial = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  const stream = createWriteStream(partial, { flags: 'wx' });
  try {
    await once(stream, 'open');
  } catch (error) {
    throw new CommandFailure(`cannot write ${path}: ${(error as Error).message}`);
  }
  return {
    name: path,
    write: (chunk) => writeTo(stream, chunk),
    async finish() {
      stream.end();
      await finished(stream);
      await rename(partial, path);
    },
    async abort() {
      stream.destroy();
      await unlink(partial).catch(() => undefined);
    },
  };
}

export interface Progress {
  update(value: number): void;
  /** Raises the total when more turned up than was counted at the start. */
  grow(total: number): void;
  stop(): void;
}

const silent: Progress = { update: () => undefined, grow: () => undefined, stop: () => undefined };

/**
 * A progress bar on stderr, and only when stderr is a terminal: a pipe or a file
 * never receives its escape codes, and stdout never does.
 */
export function progressBar(stderr: CliStream, label: string, total: number | undefined): Progress {
  if (!stderr.isTTY || total === 0) return silent;
  const format =
    total === undefined
      ? `${label} {value} events | {duration_formatted}`
      : `${label} [{bar}] {percentage}% | {value}/{total} events | ETA {eta_formatted}`;
  const bar = new cliProgress.SingleBar(
    { stream: stderr, format, hideCursor: true, etaBuffer: 50, fps: 5 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total ?? 0, 0);
  let max = total ?? 0;
  return {
    update: (value) => bar.update(value),
    grow(next) {
      if (total !== undefined && next > max) bar.setTotal((max = next));
    },
    stop: () => bar.stop(),
  };
}
