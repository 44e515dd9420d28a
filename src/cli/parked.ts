import type { Knex } from 'knex';
import {
  errorText,
  findParked,
  listParked,
  recordRetryFailure,
  resolveParked,
  type ParkedEvent,
} from '../projections/parked.js';
import { applyAll, type Projection } from '../projections/projection.js';
import type { EventStore } from '../platform/eventstore/types.js';
import { CommandFailure, defineCommand, EXIT, UsageError, type Command } from './command.js';
import type { CliContext } from './context.js';
import { oneLine, table } from './table.js';

const PARKED_HEADER = [
  'ID',
  'PROJECTION',
  'TYPE',
  'EVENT',
  'STREAM',
  'POSITION',
  'TENANT',
  'ATTEMPTS',
  'LAST FAILED',
  'STATUS',
  'ERROR',
];

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

const describeParked = (p: ParkedEvent): string =>
  `parked event ${p.id} (${p.projection}: ${p.type} ${p.eventId} of ${p.stream})`;

/** The parked events an id or --all names; an id that is not parked is a failure the operator can act on. */
async function selectParked(
  knex: Knex,
  values: { all?: boolean; projection?: string },
  positionals: readonly string[],
): Promise<ParkedEvent[]> {
  if (values.all && positionals.length > 0) throw new UsageError('give an id or --all, not both');
  if (values.all)
    return listParked(knex, { status: 'parked', ...(values.projection ? { projection: values.projection } : {}) });
  const text = positionals[0];
  if (text === undefined) throw new UsageError('give the id of a parked event (see "projections parked"), or --all');
  if (!/^[1-9][0-9]{0,15}$/.test(text)) throw new UsageError(`"${text}" is not the id of a parked event`);
  const parked = await findParked(knex, Number(text));
  if (!parked || (values.projection && parked.projection !== values.projection))
    throw new CommandFailure(`no parked event ${text}${values.projection ? ` in ${values.projection}` : ''}`);
  if (parked.status !== 'parked') throw new CommandFailure(`${describeParked(parked)} is already ${parked.status}`);
  return [parked];
}

/** Applies a parked event through its projection's own apply; answers why not, when it fails again. */
async function retryOne(
  knex: Knex,
  store: EventStore,
  projections: readonly Projection[],
  parked: ParkedEvent,
): Promise<string | undefined> {
  const projection = projections.find((p) => p.name === parked.projection);
  if (!projection) return `projection ${parked.projection} is not in this build`;
  const [event] = await store.readStream(parked.stream, { fromRevision: BigInt(parked.revision), maxCount: 1 });
  if (!event || event.id !== parked.eventId)
    return `event ${parked.eventId} is no longer at revision ${parked.revision} of ${parked.stream}`;
  try {
    await knex.transaction(async (trx) => {
      await applyAll(projection, trx, [event]);
      if (!(await resolveParked(trx, parked.id, 'retried')))
        throw new CommandFailure('resolved meanwhile by someone else');
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

/** The commands over the events projections failed on and passed over: list, retry, skip. */
export function parkedCommands(load: (ctx: CliContext) => Promise<readonly Projection[]>): Command[] {
  const parked = defineCommand({
    name: 'parked',
    summary: 'List the events projections failed on and passed over, still parked.',
    synopsis: '[--projection NAME] [--status parked|retried|skipped] [--json]',
    details: `options:
  --projection   only this projection's
  --status       parked (the default), retried or skipped
  --json         one JSON array, full error texts included, instead of the table
`,
    options: {
      projection: { type: 'string' },
      status: { type: 'string', default: 'parked' },
      json: { type: 'boolean' },
    },
    async run({ values }, ctx) {
      const status = values.status;
      if (status !== 'parked' && status !== 'retried' && status !== 'skipped')
        throw new UsageError(`--status must be parked, retried or skipped, not "${status}"`);
      const rows = await listParked(await ctx.knex(), {
        status,
        ...(values.projection ? { projection: values.projection } : {}),
      });
      if (values.json) ctx.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      else if (rows.length === 0) ctx.stdout.write(`no ${status} events\n`);
      else ctx.stdout.write(table(PARKED_HEADER, rows.map(parkedCells)));
      return EXIT.ok;
    },
  });

  const retry = defineCommand({
    name: 'retry',
    summary:
      "Apply parked events again now, through their projection's own apply; those that apply are marked retried.",
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
    summary:
      'Mark parked events skipped: the read model goes without them, and a rebuild leaves them out of the count.',
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
