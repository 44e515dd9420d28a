import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCheckpoint } from '../../../src/projections/checkpoints.js';
import { runCli } from './cli-process.js';
import { expectedTotals, openTotalsFixture, TABLE, totals, VALUES } from './totals-fixture.js';

/** Each test starts the CLI as a process up to eight times (4 to 5 s each on a loaded machine, more in the suite). */
const SPAWNING_TEST_MS = 120_000;

describe('projections commands on parked events', () => {
  let fixture: Awaited<ReturnType<typeof openTotalsFixture>>;
  let infra: typeof fixture.infra;
  let env: NodeJS.ProcessEnv;
  const readTotals = () => fixture.readTotals();
  const inProcess = (...args: Parameters<typeof fixture.inProcess>) => fixture.inProcess(...args);
  const rebuildInProcess = (...args: Parameters<typeof fixture.rebuildInProcess>) => fixture.rebuildInProcess(...args);

  beforeAll(async () => {
    fixture = await openTotalsFixture();
    ({ infra, env } = fixture);
  });
  afterAll(async () => {
    await infra.close();
  });

  it(
    'rebuild parks an event the projection fails on and completes; parked lists it, and skip closes it',
    async () => {
      const result = await rebuildInProcess(
        totals(TABLE, (v) => {
          if (v === 20) throw new Error('cannot add 20');
        }),
      );
      expect(result.stderr).toMatch(/^parked Added [0-9a-f-]{36} of acct-2: cannot add 20\n$/);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^rebuilt ${TABLE} v1: ${VALUES - 1} events applied, 1 parked, up to `));
      const expected = expectedTotals(VALUES).map((row) =>
        row.stream === 'acct-2' ? { ...row, total: String(Number(row.total) - 20), count: row.count - 1 } : row,
      );
      expect(await readTotals()).toEqual(expected);
      expect(await readCheckpoint(infra.knex, TABLE)).toMatchObject({ status: 'running', eventsApplied: VALUES - 1 });

      const listed = await runCli(['projections', 'parked', '--projection', TABLE, '--json'], env);
      expect(listed).toMatchObject({ code: 0, stderr: '' });
      const [parked, ...others] = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
      expect(others).toEqual([]);
      expect(parked).toMatchObject({
        projection: TABLE,
        type: 'Added',
        stream: 'acct-2',
        error: 'cannot add 20',
        attempts: 5,
        status: 'parked',
        tenantId: null,
      });
      const table = await runCli(['projections', 'parked'], env);
      const lines = table.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(
        /^ID +PROJECTION +TYPE +EVENT +STREAM +POSITION +TENANT +ATTEMPTS +LAST FAILED +STATUS +ERROR$/,
      );
      expect(lines[1]).toMatch(
        new RegExp(
          `^${String(parked!.id)} +${TABLE} +Added +${String(parked!.eventId)} +acct-2 +[0-9a-f]{16}-[0-9a-f]{16} +- +5 +\\S+ +parked +cannot add 20$`,
        ),
      );

      const skipped = await runCli(['projections', 'skip', String(parked!.id)], env);
      expect(skipped).toMatchObject({
        code: 0,
        stderr: '',
        stdout: `skipped parked event ${String(parked!.id)} (${TABLE}: Added ${String(parked!.eventId)} of acct-2)\n`,
      });
      expect(await runCli(['projections', 'parked'], env)).toMatchObject({ code: 0, stdout: 'no parked events\n' });
      const again = await runCli(['projections', 'skip', String(parked!.id)], env);
      expect(again).toMatchObject({
        code: 1,
        stderr: `error: parked event ${String(parked!.id)} (${TABLE}: Added ${String(parked!.eventId)} of acct-2) is already skipped\n`,
      });
      expect((await runCli(['projections', 'skip', '999999'], env)).code).toBe(1);
      expect((await runCli(['projections', 'skip'], env)).code).toBe(2);
      expect((await runCli(['projections', 'skip', 'abc'], env)).code).toBe(2);
    },
    SPAWNING_TEST_MS,
  );

  it(
    'retry applies a parked event through its projection once its cause is fixed, and keeps it parked, saying why, while it still fails',
    async () => {
      let cursed = true;
      const projection = totals(TABLE, (v) => {
        if (v === 30 && cursed) throw new Error('cannot add 30');
      });
      expect((await rebuildInProcess(projection)).code).toBe(0);
      const [parked] = JSON.parse((await runCli(['projections', 'parked', '--json'], env)).stdout) as Array<{
        id: number;
        eventId: string;
      }>;
      const retry = (args: string[]) => inProcess(['projections', 'retry', ...args], projection);

      const failing = await retry([String(parked!.id)]);
      expect(failing).toMatchObject({ code: 1, stdout: '' });
      expect(failing.stderr).toBe(
        `parked event ${parked!.id} (${TABLE}: Added ${parked!.eventId} of acct-0) stays parked: still failing: cannot add 30\n`,
      );
      expect(JSON.parse((await runCli(['projections', 'parked', '--json'], env)).stdout)).toMatchObject([
        { id: parked!.id, attempts: 6, status: 'parked' },
      ]);

      cursed = false;
      const fixed = await retry(['--all']);
      expect(fixed).toMatchObject({
        code: 0,
        stderr: '',
        stdout: `retried parked event ${parked!.id} (${TABLE}: Added ${parked!.eventId} of acct-0)\n`,
      });
      // 20, skipped before, applied in this test's rebuild: a rebuild tries every event again.
      expect(await readTotals()).toEqual(expectedTotals(VALUES));
      expect(await runCli(['projections', 'parked'], env)).toMatchObject({ code: 0, stdout: 'no parked events\n' });
      expect(
        JSON.parse((await runCli(['projections', 'parked', '--status', 'retried', '--json'], env)).stdout),
      ).toMatchObject([{ id: parked!.id, status: 'retried' }]);
      expect(await retry(['--all'])).toMatchObject({ code: 0, stdout: 'no parked events\n' });
    },
    SPAWNING_TEST_MS,
  );
});
