import { describe, expect, inject, it } from 'vitest';
import { cliEnv, runCli } from './cli-process.js';

// Nothing listens on port 1: a command that tried to connect would fail with 1, not 2.
const env = cliEnv('postgres://postgres@127.0.0.1:1/none');

describe('CLI usage', () => {
  it.each([
    [[], 'no command given'],
    [['nope'], 'unknown command "nope"'],
    [['events'], '"events" needs a subcommand'],
    [['events', 'nope'], 'unknown command "events nope"'],
    [['events', 'export', '--format', 'xml'], '--format must be one of ndjson, csv, not "xml"'],
    [['events', 'export', '--stream', 'order-1', '--category', 'order'], '--stream and --category cannot be combined'],
    [['events', 'export', '--stream', 'order-1', '--type', 'X'], '--stream and --type cannot be combined'],
    [['events', 'export', '--from', 'zz'], '--from: not a position: "zz"'],
    [['events', 'export', '--to', '12'], '--to: not a position: "12"'],
    [
      ['events', 'export', '--from', '2-0', '--to', '1-0'],
      '--from 0000000000000002-0000000000000000 is not before --to',
    ],
    [['events', 'export', '--since', 'yesterday'], '--since: not an ISO 8601 time: "yesterday"'],
    [['events', 'export', '--since', '2024-02-01', '--until', '2024-01-01'], '--since must be before --until'],
    [['events', 'export', '--bogus'], "Unknown option '--bogus'"],
    [['events', 'export', '--out'], "Option '--out <value>' argument missing"],
    [['events', 'export', 'stray'], 'unexpected argument "stray"'],
    [['events', 'tail', '--from', '1-1', '--from-now'], '--from and --from-now cannot be combined'],
    [['projections', 'rebuild'], 'missing argument'],
    [['projections', 'rebuild', 'a', 'b'], 'unexpected argument "b"'],
  ])('%j exits 2 with the reason and the usage on stderr', async (args, reason) => {
    const result = await runCli(args, env);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toContain(`error: ${reason}`);
    expect(result.stderr).toContain('usage: npm run cli --');
  });

  it('prints help on stdout and exits 0', async () => {
    const top = await runCli(['--help'], env);
    expect(top).toMatchObject({ code: 0, stderr: '' });
    for (const command of ['events tail', 'events export', 'projections status', 'projections rebuild'])
      expect(top.stdout).toContain(command);

    const exportHelp = await runCli(['events', 'export', '--format', 'xml', '--help'], env);
    expect(exportHelp).toMatchObject({ code: 0, stderr: '' });
    expect(exportHelp.stdout).toMatch(/^usage: npm run cli -- events export .*--format ndjson\|csv/);
    expect(exportHelp.stdout).toContain('--until t');

    const group = await runCli(['projections', '--help'], env);
    expect(group).toMatchObject({ code: 0, stderr: '' });
    expect(group.stdout).toContain('usage: npm run cli -- projections <status|rebuild|parked|retry|skip>');
  });

  it('reports bad configuration and unreachable or missing databases in one line, exit 1', async () => {
    const badConfig = await runCli(['events', 'export'], cliEnv('http://example.com/db', { PORT: 'x' }));
    expect(badConfig.code).toBe(1);
    expect(badConfig.stdout).toBe('');
    expect(badConfig.stderr).toMatch(/^error: invalid configuration: DATABASE_URL: [^\n]+; PORT: [^\n]+\n$/);

    const down = await runCli(['projections', 'status'], env);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /^error: PostgreSQL is not answering at 127\.0\.0\.1:1 \(ECONNREFUSED\)\. Start it with: [^\n]+\n$/,
    );

    const server = inject('serverUrl');
    const missing = await runCli(['events', 'export'], cliEnv(`${server}/gs_t_no_such_database`));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `error: PostgreSQL: database "gs_t_no_such_database" does not exist (DATABASE_URL ${new URL(server).host}/gs_t_no_such_database)\n`,
    );
  });
});
