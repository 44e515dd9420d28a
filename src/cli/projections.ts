import type { Knex } from 'knex';
import { listCheckpoints, type Checkpoint } from '../projections/checkpoints.js';
import { ProjectionLock } from '../projections/lock.js';
import { rebuildReadModel, type Projection, type RebuildOutcome } from '../projections/projection.js';
import type { WebhookQueue } from '../projections/webhooks/deliveries/queue.js';
import { formatPosition, type Position } from '../platform/eventstore/position.js';
import type { EventStore } from '../platform/eventstore/types.js';
import { CommandFailure, defineCommand, EXIT, UsageError, type CommandGroup } from './command.js';
import type { CliContext, CliStream } from './context.js';
import { progressBar } from './output.js';
import { parkedCommands } from './parked.js';
import { oneLine, table } from './table.js';

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

function describeVersion(row: StatusRow): string {
  if (row.version === null) return `- (code ${row.codeVersion})`;
  if (row.codeVersion === null) return `${row.version} (not in this build)`;
  return row.version === row.codeVersion
    ? String(row.version)
    : `${row.version} (code ${row.codeVersion}: rebuilds on start)`;
}

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
    throw new CommandFailure(
      `projection ${projection.name} is locked by ${holder ?? 'another process'}; stop it, then rebuild`,
    );
  }
  try {
    const target = await store.headPosition();
    const total =
      deps.stderr.isTTY && store.kind === 'postgres'
        ? await countEvents(knex, projection.eventTypes, target)
        : undefined;
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
        onParked: (event, failure) =>
          deps.stderr.write(
            `parked ${event.type} ${event.id} of ${event.streamName}: ${oneLine(failure.error, 200)}\n`,
          ),
      });
    } finally {
      progress.stop();
    }
  } finally {
    await lock.release();
  }
}

/** The CLI never enqueues: the reconciler puts on the queue the deliveries a retried event writes. */
const NO_QUEUE = {} as WebhookQueue;

/**
 * The app's read models and the webhook dispatcher, loaded only by the commands that need them (they bring the domain
 * with them).
 */
async function appProjections(ctx: CliContext): Promise<readonly Projection[]> {
  const [{ allProjections, allWebhookSources }, { webhookDispatcher }] = await Promise.all([
    import('../contexts.js'),
    import('../workers/webhooks/dispatcher.js'),
  ]);
  const dispatcher = webhookDispatcher({
    knex: await ctx.knex(),
    store: await ctx.store(),
    queue: NO_QUEUE,
    tries: ctx.config().WEBHOOK_RETRY_SCHEDULE.length,
    sources: allWebhookSources,
  });
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
        const known = projections
          .map((p) => p.name)
          .sort()
          .join(', ');
        throw new UsageError(
          `unknown projection "${name}"; ${known ? `known projections: ${known}` : 'no projections are registered'}`,
        );
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
      ctx.stdout.write(
        `rebuilt ${projection.name} v${projection.version}: ${result.applied} events applied${parked}, up to ${formatPosition(result.position)}\n`,
      );
      return EXIT.ok;
    },
  });

  return {
    name: 'projections',
    summary: 'Inspect and rebuild read models; list, retry and skip parked events.',
    commands: [status, rebuild, ...parkedCommands(load)],
  };
}
