import { Subscription } from 'rxjs';
import { parsePosition, formatPosition, comparePositions, type Position } from '../platform/eventstore/position.js';
import type { EventFilter } from '../platform/eventstore/types.js';
import { defineCommand, exclusive, EXIT, UsageError, type CommandGroup } from './command.js';
import { countSelection, exportEvents, upperBound, type Selection } from './export.js';
import { FORMATS, toNdjson, type ExportFormat } from './format.js';
import { fileSink, progressBar, streamSink } from './output.js';

function position(option: string, text: string | undefined): Position | undefined {
  if (text === undefined) return undefined;
  try {
    return parsePosition(text);
  } catch (error) {
    throw new UsageError(`--${option}: ${(error as Error).message}`);
  }
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

function time(option: string, text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (!ISO_TIME.test(text) || Number.isNaN(date.getTime())) {
    throw new UsageError(`--${option}: not an ISO 8601 time: "${text}" (e.g. 2024-05-01 or 2024-05-01T12:00:00Z)`);
  }
  return date;
}

function filterOf(categories: string[] | undefined, types: string[] | undefined): EventFilter | undefined {
  if (!categories?.length && !types?.length) return undefined;
  return { ...(categories?.length ? { categories } : {}), ...(types?.length ? { eventTypes: types } : {}) };
}

const tail = defineCommand({
  name: 'tail',
  summary: 'Follow the event log live, one JSON line per event, until interrupted (Ctrl-C).',
  synopsis: '[--category c]... [--type t]... [--from <position> | --from-now]',
  details: `options:
  --category c   only streams of this category (the stream name before its first dash); repeatable
  --type t       only events of this type; repeatable (combined with --category: both must match)
  --from p       start after this position (as printed in "position"); default: the first event
  --from-now     only events appended from now on
`,
  options: {
    category: { type: 'string', multiple: true },
    type: { type: 'string', multiple: true },
    from: { type: 'string' },
    'from-now': { type: 'boolean' },
  },
  async run({ values }, ctx) {
    exclusive(values, 'from', 'from-now');
    const filter = filterOf(values.category, values.type);
    let from = position('from', values.from);
    const store = await ctx.store();
    if (values['from-now']) from = await store.headPosition();
    const out = streamSink(ctx.stdout);
    await new Promise<void>((resolve, reject) => {
      const subscription = new Subscription();
      let done = false;
      const finish = (error?: unknown): void => {
        if (done) return;
        done = true;
        subscription.unsubscribe();
        ctx.signal.removeEventListener('abort', onAbort);
        if (error === undefined) resolve();
        else reject(error instanceof Error ? error : new Error('subscription failed', { cause: error }));
      };
      const onAbort = (): void => finish();
      ctx.signal.addEventListener('abort', onAbort);
      // Writes to a terminal, file or pipe are synchronous on Linux, which holds the subscription back.
      subscription.add(
        store.subscribeAll({ from, filter }).subscribe({
          next: (item) => {
            if (item.kind === 'event') out.write(toNdjson(item.event)).catch(finish);
          },
          error: finish,
        }),
      );
      if (ctx.signal.aborted) finish();
    });
    return EXIT.ok;
  },
});

const exportCommand = defineCommand({
  name: 'export',
  summary: 'Write events as NDJSON (default) or CSV, streaming, to stdout or a file.',
  synopsis:
    '[--stream s | [--category c]... [--type t]...] [--from <position>] [--to <position>] [--since <time>] [--until <time>] [--format ndjson|csv] [--out file]',
  details: `selection:
  --stream s     one stream, in revision order
  --category c   streams of this category (the stream name before its first dash); repeatable
  --type t       events of this type; repeatable (with --category: both must match)
  --from p       only events after position p (exclusive)
  --to p         stop at position p (inclusive); positions look like 000000000000a1b2-0000000000000007
  --since t      created_at at or after t (ISO 8601, e.g. 2024-05-01 or 2024-05-01T12:00:00Z)
  --until t      created_at before t (exclusive)
  Without --to the export stops at the newest event visible when it starts.

output:
  --format f     ndjson (default): one JSON object a line with position, stream, revision, id,
                 type, created_at, data, metadata; csv: the same columns under a header, RFC 4180
                 quoting, CRLF line ends, data and metadata as JSON text
  --out file     write to this file (atomically: renamed into place when complete); default: stdout
  A progress bar is drawn on stderr when stderr is a terminal.
`,
  options: {
    stream: { type: 'string' },
    category: { type: 'string', multiple: true },
    type: { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    format: { type: 'string', default: 'ndjson' },
    out: { type: 'string' },
  },
  async run({ values }, ctx) {
    exclusive(values, 'stream', 'category');
    exclusive(values, 'stream', 'type');
    if (values.stream === '') throw new UsageError('--stream needs a stream name');
    if (values.out === '') throw new UsageError('--out needs a file name');
    const format = values.format as ExportFormat;
    if (!FORMATS.includes(format))
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`);
    const selection: Selection = {
      stream: values.stream,
      filter: filterOf(values.category, values.type),
      from: position('from', values.from),
      to: position('to', values.to),
      since: time('since', values.since),
      until: time('until', values.until),
    };
    if (selection.from && selection.to && comparePositions(selection.from, selection.to) >= 0) {
      throw new UsageError(
        `--from ${formatPosition(selection.from)} is not before --to ${formatPosition(selection.to)}`,
      );
    }
    if (selection.since && selection.until && selection.since >= selection.until)
      throw new UsageError('--since must be before --until');

    const store = await ctx.store();
    const bound = await upperBound(store, selection);
    const showBar = ctx.stderr.isTTY === true;
    const total =
      showBar && store.kind === 'postgres' ? await countSelection(await ctx.knex(), selection, bound) : undefined;
    const sink = values.out === undefined ? streamSink(ctx.stdout) : await fileSink(values.out);
    const progress = progressBar(ctx.stderr, 'exporting', total);
    let result: Awaited<ReturnType<typeof exportEvents>>;
    try {
      result = await exportEvents({ store, selection, bound, format, sink, progress, signal: ctx.signal });
      if (result.interrupted) await sink.abort();
      else await sink.finish();
    } catch (error) {
      await sink.abort();
      throw error;
    } finally {
      progress.stop();
    }
    if (result.interrupted) {
      ctx.stderr.write(
        `interrupted after ${result.count} events${values.out === undefined ? '' : `; ${values.out} was not written`}\n`,
      );
      return EXIT.interrupted;
    }
    if (showBar || values.out !== undefined) ctx.stderr.write(`exported ${result.count} events to ${sink.name}\n`);
    return EXIT.ok;
  },
});

export const eventsCommands: CommandGroup = {
  name: 'events',
  summary: 'Read the event log: follow it live or export it.',
  commands: [tail, exportCommand],
};
