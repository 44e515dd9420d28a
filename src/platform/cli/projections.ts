import type { Knex } from 'knex';
import { listCheckpoints, recordFailure, resetCheckpoint, saveCheckpoint, type Checkpoint } from '../../projections/checkpoints.js';
import { ProjectionLock } from '../../projections/lock.js';
import { applyAll, type Projection } from '../../projections/projection.js';
import { comparePositions, formatPosition, START, type Position } from '../eventstore/position.js';
import type { EventStore } from '../eventstore/types.js';
import { CommandFailure, defineCommand, EXIT, UsageError, type CommandGroup } from './command.js';
import type { CliStream } from './context.js';
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
  readonly signal: AbortSignal;
  /** Where the progress bar goes, when it is a terminal. */
  readonly stderr: CliStream;
}

export interface RebuildResult {
  readonly applied: number;
  readonly position: Position;
  readonly interrupted: boolean;
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
 * Empties the projection's tables and checkpoint and applies every event of its
 * types up to the head as it is when the rebuild starts, a page per transaction
 * with its checkpoint, as the worker does. Holds the projection's lock
 * throughout, so no worker runs it meanwhile; one resumes from the checkpoint
 * afterwards. Interrupted, it stops after the current page: the checkpoint is
 * consistent and a worker carries on from it.
 */
export async function rebuildProjection(projection: Projection, deps: RebuildDeps): Promise<RebuildResult> {
  const { knex, store, signal } = deps;
  const lock = new ProjectionLock(deps.databaseUrl, projection.name);
  if (!(await lock.tryAcquire())) {
    const holder = await ProjectionLock.holder(deps.databaseUrl, projection.name);
    throw new CommandFailure(`projection ${projection.name} is locked by ${holder ?? 'another process'}; stop it, then rebuild`);
  }
  try {
    const target = await store.headPosition();
    await knex.transaction(async (trx) => {
      for (const table of projection.tables) await trx.raw('truncate table ??', [table]);
      await resetCheckpoint(trx, projection.name, projection.version);
    });
    const total = deps.stderr.isTTY && store.kind === 'postgres' ? await countEvents(knex, projection.eventTypes, target) : undefined;
    const progress = progressBar(deps.stderr, `rebuilding ${projection.name}`, total);
    let from = START;
    let applied = 0;
    try {
      while (comparePositions(from, target) < 0) {
        if (signal.aborted) return { applied, position: from, interrupted: true };
        const page = await store.readAll({ from, filter: { eventTypes: projection.eventTypes }, maxCount: deps.batchSize });
        const events = page.events.filter((e) => comparePositions(e.position, target) <= 0);
        const next = events.length < page.events.length ? target : page.next;
        await knex.transaction(async (trx) => {
          if (events.length > 0) await applyAll(projection, trx, events);
          await saveCheckpoint(trx, projection.name, next, events.length);
        });
        applied += events.length;
        progress.grow(applied);
        progress.update(applied);
        from = next;
        if (page.isEnd) break;
      }
      // Marks it running even when there was nothing to apply.
      await knex.transaction((trx) => saveCheckpoint(trx, projection.name, from, 0));
    } finally {
      progress.stop();
    }
    return { applied, position: from, interrupted: false };
  } catch (error) {
    if (!(error instanceof CommandFailure)) {
      await recordFailure(knex, projection.name, error instanceof Error ? error.message : String(error)).catch(() => undefined);
    }
    throw error;
  } finally {
    await lock.release();
  }
}

/** The app's read models, loaded only by the commands that need them (they bring the domain with them). */
const appProjections = async (): Promise<readonly Projection[]> => (await import('../../projections/index.js')).allProjections;

/** The projections commands over the given read models (the app's own by default). */
export function projectionsCommands(load: () => Promise<readonly Projection[]> = appProjections): CommandGroup {
  const status = defineCommand({
    name: 'status',
    summary: "Show each projection's checkpoint and which process, if any, is running it.",
    synopsis: '[--json]',
    details: `options:
  --json         one JSON array, full error texts included, instead of the table
`,
    options: { json: { type: 'boolean' } },
    async run({ values }, ctx) {
      const rows = await statusRows(await ctx.knex(), ctx.config().DATABASE_URL, await load());
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
    summary: 'Empty a projection and replay its events up to the current head, holding its lock.',
    synopsis: '<name>',
    details: `arguments:
  name           the projection (see "projections status")
Exits 1 without touching anything when another process holds the projection's lock.
`,
    options: {},
    positionals: { min: 1, max: 1 },
    async run({ positionals }, ctx) {
      const name = positionals[0] ?? '';
      const projections = await load();
      const projection = projections.find((p) => p.name === name);
      if (!projection) {
        const known = projections.map((p) => p.name).sort().join(', ');
        throw new UsageError(`unknown projection "${name}"; ${known ? `known projections: ${known}` : 'no projections are registered'}`);
      }
      const config = ctx.config();
      const store = await ctx.store();
      const deps = { knex: await ctx.knex(), store, databaseUrl: config.DATABASE_URL, batchSize: config.PROJECTION_BATCH_SIZE, signal: ctx.signal, stderr: ctx.stderr };
      const result = await rebuildProjection(projection, deps);
      const at = formatPosition(result.position);
      if (result.interrupted) {
        ctx.stderr.write(`interrupted: ${projection.name} has ${result.applied} events applied up to ${at}; a worker resumes from there\n`);
        return EXIT.interrupted;
      }
      ctx.stdout.write(`rebuilt ${projection.name} v${projection.version}: ${result.applied} events applied, up to ${at}\n`);
      return EXIT.ok;
    },
  });

  return { name: 'projections', summary: 'Inspect and rebuild read models.', commands: [status, rebuild] };
}
