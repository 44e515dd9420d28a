import type { Knex } from 'knex';
import { listCheckpoints, type Checkpoint } from '../projections/checkpoints.js';
import { ProjectionLock } from '../projections/lock.js';
import { errorText, findParked, listParked, recordRetryFailure, resolveParked, type ParkedEvent } from '../projections/parked.js';
import { applyAll, rebuildReadModel, type Projection, type RebuildOutcome } from '../projections/projection.js';
import type { WebhookQueue } from '../projections/webhooks/deliveries/queue.js';
import { formatPosition, type Position } from '../platform/eventstore/position.js';
import type { EventStore } from '../platform/eventstore/types.js';
import { CommandFailure, defineCommand, EXIT, UsageError, type Command, type CommandGroup } from './command.js';
import type { CliContext, CliStream } from './context.js';
import { progressBar } from './output.js';

interface StatusRow {
  readonly name: string;
  /** The checkpoint's version: what the read model was built with. */
  readonly version: number | null;
  /** The version in this build's code, when it knows the projection. */
  readonly codeVersion: number | null;
  readonly position: string | null;
  readonly eventsApplied: number;
  readonly status: string;
  readonly lastError: string | null;
  readonly updatedAt: string | null;
  /** The process holding the projection's lock: the one running it. */
  readonly lockHolder: string | null;
}

async function statusRows(knex: Knex, databaseUrl: string, projections: readonly Projection[]): Promise<StatusRow[]> {
  const checkpoints = new Map<string, Checkpoint>((await listCheckpoints(knex)).map((c) => [c.name, c]));
  const code = new Map(projections.map((p) => [p.name, p]));
  const names = [...new Set([...checkpoints.keys(), ...code.keys()])].sort();
  return Promise.all(
    names.map(async (name): Promise<StatusRow> => {
      const c = checkpoints.get(name);
      return {
        name,
        version: c?.version ?? null,
        codeVersion: code.get(name)?.version ?? null,
        position: c ? formatPosition(c.position) : null,
        eventsApplied: c?.eventsApplied ?? 0,
        status: c?.status ?? 'never run',
        lastError: c?.lastError ?? null,
        updatedAt: c?.updatedAt.toISOString() ?? null,
        lockHolder: (await ProjectionLock.holder(databaseUrl, name)) ?? null,
      };
    }),
  );
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

function describeVersion(row: StatusRow): string {
  if (row.version === null) return `- (code ${row.codeVersion})`;
  if (row.codeVersion === null) return `${row.version} (not in this build)`;
  return row.version === row.codeVersion ? String(row.version) : `${row.version} (code ${row.codeVersion}: rebuilds on start)`;
}

const oneLine = (text: string, max = 60): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export interface RebuildDeps {
  readonly knex: Knex;
  readonly store: EventStore;
  readonly databaseUrl: string;
  readonly batchSize: number;
  readonly maxAttempts: number;
  readonly signal: AbortSignal;
  /** Where the progress bar and the parked events' lines go. */
  readonly stderr: CliStream;
}

async function countEvents(knex: Knex, types: readonly string[], upTo: Position): Promise<number> {
  const row = (await knex('gs_events')
    .whereIn('type', [...types])
    .whereRaw('(transaction_id, seq) <= (?::text::xid8, ?::bigint)', [upTo.commit.toString(), upTo.prepare.toString()])
    .count({ count: '*' })
    .first()) as { count: string | number } | undefined;
  return Number(row?.count ?? 0);
}

/**
 * Rebuilds the projection from its first event up to the head as it is when
 * the rebuild starts, in one transaction (see rebuildReadModel): the old rows
 * serve until it commits, and a failure or an interruption leaves them and the
 * checkpoint as they were. Holds the projection's lock throughout, so no worker
 * runs it meanwhile; one resumes from the new checkpoint afterwards.
 */
export async function rebuildProjection(projection: Projection, deps: RebuildDeps): Promise<RebuildOutcome> {
  const { knex, store, signal } = deps;
  const lock = new ProjectionLock(deps.databaseUrl, projection.name);
  if (!(await lock.tryAcquire())) {
    const holder = await ProjectionLock.holder(deps.databaseUrl, projection.name);
    throw new CommandFailure(`projection ${projection.name} is locked by ${holder ?? 'another process'}; stop it, then rebuild`);
  }
  try {
    const target = await store.headPosition();
    const total = deps.stderr.isTTY && store.kind === 'postgres' ? await countEvents(knex, projection.eventTypes, target) : undefined;
    const progress = progressBar(deps.stderr, `rebuilding ${projection.name}`, total);
    try {
      return await rebuildReadModel(projection, {
        knex,
        store,
        batchSize: deps.batchSize,
        maxAttempts: deps.maxAttempts,
        target,
        aborted: () => signal.aborted,
        onProgress: (applied) => {
          progress.grow(applied);
          progress.update(applied);
        },
        onParked: (event, failure) => deps.stderr.write(`parked ${event.type} ${event.id} of ${event.streamName}: ${oneLine(failure.error, 200)}\n`),
      });
    } finally {
      progress.stop();
    }
  } finally {
    await lock.release();
  }
}

// ---- parked events ----

const PARKED_HEADER = ['ID', 'PROJECTION', 'TYPE', 'EVENT', 'STREAM', 'POSITION', 'TENANT', 'ATTEMPTS', 'LAST FAILED', 'STATUS', 'ERROR'];

const parkedCells = (p: ParkedEvent): string[] => [
  String(p.id),
  p.projection,
  p.type,
  p.eventId,
  p.stream,
  p.position,
  p.tenantId ?? '-',
  String(p.attempts),
  p.lastFailedAt,
  p.status,
  oneLine(p.error),
];

const describeParked = (p: ParkedEvent): string => `parked event ${p.id} (${p.projection}: ${p.type} ${p.eventId} of ${p.stream})`;

/** The parked events an id or --all names; an id that is not parked is a failure the operator can act on. */
async function selectParked(knex: Knex, values: { all?: boolean; projection?: string }, positionals: readonly string[]): Promise<ParkedEvent[]> {
  if (values.all && positionals.length > 0) throw new UsageError('give an id or --all, not both');
  if (values.all) return listParked(knex, { status: 'parked', ...(values.projection ? { projection: values.projection } : {}) });
  const text = positionals[0];
  if (text === undefined) throw new UsageError('give the id of a parked event (see "projections parked"), or --all');
  if (!/^[1-9][0-9]{0,15}$/.test(text)) throw new UsageError(`"${text}" is not the id of a parked event`);
  const parked = await findParked(knex, Number(text));
  if (!parked || (values.projection && parked.projection !== values.projection)) throw new CommandFailure(`no parked event ${text}${values.projection ? ` in ${values.projection}` : ''}`);
  if (parked.status !== 'parked') throw new CommandFailure(`${describeParked(parked)} is already ${parked.status}`);
  return [parked];
}

/** Applies a parked event through its projection's own apply; answers why not, when it fails again. */
async function retryOne(knex: Knex, store: EventStore, projections: readonly Projection[], parked: ParkedEvent): Promise<string | undefined> {
  const projection = projections.find((p) => p.name === parked.projection);
  if (!projection) return `projection ${parked.projection} is not in this build`;
  const [event] = await store.readStream(parked.stream, { fromRevision: BigInt(parked.revision), maxCount: 1 });
  if (!event || event.id !== parked.eventId) return `event ${parked.eventId} is no longer at revision ${parked.revision} of ${parked.stream}`;
  try {
    await knex.transaction(async (trx) => {
      await applyAll(projection, trx, [event]);
      if (!(await resolveParked(trx, parked.id, 'retried'))) throw new CommandFailure('resolved meanwhile by someone else');
    });
    return undefined;
  } catch (error) {
    if (error instanceof CommandFailure) return error.message;
    await recordRetryFailure(knex, parked.id, errorText(error));
    return `still failing: ${oneLine(errorText(error), 200)}`;
  }
}

const SELECTION = `arguments:
  id             the parked event (the ID column of "projections parked")
options:
  --all          every event parked now
  --projection   only this projection's (with --all), or check the id belongs to it
`;

function parkedCommands(load: LoadProjections): Command[] {
  const parked = defineCommand({
    name: 'parked',
    summary: 'List the events projections failed on and passed over, still parked.',
    synopsis: '[--projection NAME] [--status parked|retried|skipped] [--json]',
    details: `options:
  --projection   only this projection's
  --status       parked (the default), retried or skipped
  --json         one JSON array, full error texts included, instead of the table
`,
    options: { projection: { type: 'string' }, status: { type: 'string', default: 'parked' }, json: { type: 'boolean' } },
    async run({ values }, ctx) {
      const status = values.status;
      if (status !== 'parked' && status !== 'retried' && status !== 'skipped') throw new UsageError(`--status must be parked, retried or skipped, not "${status}"`);
      const rows = await listParked(await ctx.knex(), { status, ...(values.projection ? { projection: values.projection } : {}) });
      if (values.json) ctx.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      else if (rows.length === 0) ctx.stdout.write(`no ${status} events\n`);
      else ctx.stdout.write(table(PARKED_HEADER, rows.map(parkedCells)));
      return EXIT.ok;
    },
  });

  const retry = defineCommand({
    name: 'retry',
    summary: "Apply parked events again now, through their projection's own apply; those that apply are marked retried.",
    synopsis: '<id> | --all [--projection NAME]',
    details: `${SELECTION}Exits 1 when one still fails (it stays parked, and the reason is printed).
`,
    options: { all: { type: 'boolean' }, projection: { type: 'string' } },
    positionals: { min: 0, max: 1 },
    async run({ values, positionals }, ctx) {
      const knex = await ctx.knex();
      const selected = await selectParked(knex, values, positionals);
      if (selected.length === 0) {
        ctx.stdout.write('no parked events\n');
        return EXIT.ok;
      }
      const [store, projections] = [await ctx.store(), await load(ctx)];
      let failed = 0;
      for (const event of selected) {
        const why = await retryOne(knex, store, projections, event);
        if (why === undefined) ctx.stdout.write(`retried ${describeParked(event)}\n`);
        else ctx.stderr.write(`${describeParked(event)} stays parked: ${why}\n`);
        if (why !== undefined) failed += 1;
      }
      return failed > 0 ? EXIT.failure : EXIT.ok;
    },
  });

  const skip = defineCommand({
    name: 'skip',
    summary: 'Mark parked events skipped: the read model goes without them, and a rebuild leaves them out of the count.',
    synopsis: '<id> | --all [--projection NAME]',
    details: SELECTION,
    options: { all: { type: 'boolean' }, projection: { type: 'string' } },
    positionals: { min: 0, max: 1 },
    async run({ values, positionals }, ctx) {
      const knex = await ctx.knex();
      const selected = await selectParked(knex, values, positionals);
      if (selected.length === 0) ctx.stdout.write('no parked events\n');
      for (const event of selected) {
        if (await resolveParked(knex, event.id, 'skipped')) ctx.stdout.write(`skipped ${describeParked(event)}\n`);
      }
      return EXIT.ok;
    },
  });
  return [parked, retry, skip];
}

// ---- the group ----

/** The CLI never enqueues: the reconciler puts on the queue the deliveries a retried event writes. */
const NO_QUEUE = {} as WebhookQueue;

/** The app's read models and the webhook dispatcher, loaded only by the commands that need them (they bring the domain with them). */
async function appProjections(ctx: CliContext): Promise<readonly Projection[]> {
  const [{ allProjections, allWebhookSources }, { webhookDispatcher }] = await Promise.all([import('../contexts.js'), import('../workers/webhooks/dispatcher.js')]);
  const dispatcher = webhookDispatcher({ knex: await ctx.knex(), store: await ctx.store(), queue: NO_QUEUE, tries: ctx.config().WEBHOOK_RETRY_SCHEDULE.length, sources: allWebhookSources });
  return [...allProjections, dispatcher];
}

export type LoadProjections = (ctx: CliContext) => Promise<readonly Projection[]>;

/** The projections commands over the given read models (the app's own by default). */
export function projectionsCommands(load: LoadProjections = appProjections): CommandGroup {
  const status = defineCommand({
    name: 'status',
    summary: "Show each projection's checkpoint and which process, if any, is running it.",
    synopsis: '[--json]',
    details: `options:
  --json         one JSON array, full error texts included, instead of the table
`,
    options: { json: { type: 'boolean' } },
    async run({ values }, ctx) {
      const rows = await statusRows(await ctx.knex(), ctx.config().DATABASE_URL, await load(ctx));
      if (values.json) {
        ctx.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        return EXIT.ok;
      }
      if (rows.length === 0) {
        ctx.stdout.write('no projections: none registered and no checkpoints saved\n');
        return EXIT.ok;
      }
      const header = ['NAME', 'VERSION', 'POSITION', 'APPLIED', 'STATUS', 'LOCK HELD BY', 'UPDATED', 'LAST ERROR'];
      const cells = rows.map((r) => [
        r.name,
        describeVersion(r),
        r.position ?? '-',
        String(r.eventsApplied),
        r.status,
        r.lockHolder ?? '-',
        r.updatedAt ?? '-',
        r.lastError === null ? '-' : oneLine(r.lastError),
      ]);
      ctx.stdout.write(table(header, cells));
      return EXIT.ok;
    },
  });

  const rebuild = defineCommand({
    name: 'rebuild',
    summary: 'Rebuild a projection from its first event up to the current head, in one transaction, holding its lock.',
    synopsis: '<name>',
    details: `arguments:
  name           the projection (see "projections status")
Until the rebuild commits the old rows serve; interrupted or failed, it leaves them and the
checkpoint as they were. An event the projection fails on is parked (see "projections parked").
Exits 1 without touching anything when another process holds the projection's lock.
`,
    options: {},
    positionals: { min: 1, max: 1 },
    async run({ positionals }, ctx) {
      const name = positionals[0] ?? '';
      const projections = await load(ctx);
      const projection = projections.find((p) => p.name === name);
      if (!projection) {
        const known = projections.map((p) => p.name).sort().join(', ');
        throw new UsageError(`unknown projection "${name}"; ${known ? `known projections: ${known}` : 'no projections are registered'}`);
      }
      const config = ctx.config();
      const deps = {
        knex: await ctx.knex(),
        store: await ctx.store(),
        databaseUrl: config.DATABASE_URL,
        batchSize: config.PROJECTION_BATCH_SIZE,
        maxAttempts: config.PROJECTION_MAX_ATTEMPTS,
        signal: ctx.signal,
        stderr: ctx.stderr,
      };
      const result = await rebuildProjection(projection, deps);
      if (result.interrupted) {
        ctx.stderr.write(`interrupted: ${projection.name} is unchanged; its old rows and checkpoint still serve\n`);
        return EXIT.interrupted;
      }
      const parked = result.parked > 0 ? `, ${result.parked} parked` : '';
      ctx.stdout.write(`rebuilt ${projection.name} v${projection.version}: ${result.applied} events applied${parked}, up to ${formatPosition(result.position)}\n`);
      return EXIT.ok;
    },
  });

  return { name: 'projections', summary: 'Inspect and rebuild read models; list, retry and skip parked events.', commands: [status, rebuild, ...parkedCommands(load)] };
}
