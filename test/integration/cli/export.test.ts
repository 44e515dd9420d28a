import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPosition } from '../../../src/platform/eventstore/position.js';
import type { EventMetadata, JsonObject, NewEvent, RecordedEvent } from '../../../src/platform/eventstore/types.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { cliEnv, jsonLines, ndjson, ROOT, runCli } from './cli-process.js';

const event = (type: string, data: JsonObject, metadata?: EventMetadata): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata,
});

/** A strict RFC 4180 reader: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote === -1) throw new Error('unterminated quoted cell');
        cell += text.slice(i, quote);
        i = quote + 1;
        if (text[i] === '"') {
          cell += '"';
          i++;
        } else break;
      }
    } else {
      const end = text.slice(i).search(/[,\r\n"]/);
      cell = end === -1 ? text.slice(i) : text.slice(i, i + end);
      i += cell.length;
      if (text[i] === '"') throw new Error(`bare quote in an unquoted cell at ${i}`);
    }
    row.push(cell);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`expected , or CRLF at ${i}, found ${JSON.stringify(text.slice(i, i + 10))}`);
  }
  return rows;
}

describe('events export', () => {
  let infra: TestInfra;
  let env: NodeJS.ProcessEnv;
  /** Every event of the fixture, in log order. */
  let all: RecordedEvent[];
  const byStream = (stream: string) => all.filter((e) => e.streamName === stream);
  const WEIRD_STREAM = 'note-a,b"c\nd';

  beforeAll(async () => {
    infra = await openTestInfra();
    env = cliEnv(infra.url);
    const { store, knex } = infra;
    await store.append('order-1', [event('OrderPlaced', { amount: 10 }), event('OrderShipped', { carrier: 'DHL' })], {
      expectedRevision: 'no_stream',
    });
    await store.append(
      'member-1',
      [
        event(
          'MemberJoined',
          { name: 'Zoë "Z" Øre, esq.', bio: 'line one\nline two\r\nthree', emoji: '🎉 ☕' },
          { tenantId: 't-1', actor: 'a, "b"' },
        ),
      ],
      { expectedRevision: 'no_stream' },
    );
    await store.append('order-2', [event('OrderPlaced', { amount: 20 })], { expectedRevision: 'no_stream' });
    await store.append('order-1', [event('OrderCancelled', { reason: 'late' })], { expectedRevision: 1n });
    await store.append(WEIRD_STREAM, [event('Noted', { text: 'x' })], { expectedRevision: 'no_stream' });
    // Creation times out of commit order, as clocks and long transactions make them.
    const days = ['2024-01-01', '2024-01-03', '2024-01-02', '2024-01-05', '2024-01-04', '2024-01-06'];
    // A transaction elsewhere on the server can hold the read horizon back for a moment: wait until all six show.
    let written = (await store.readAll({ maxCount: 100 })).events;
    for (let tries = 0; written.length < 6 && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      written = (await store.readAll({ maxCount: 100 })).events;
    }
    for (const [i, e] of written.entries()) {
      await knex('gs_events')
        .where({ event_id: e.id })
        .update({ created_at: `${days[i]}T10:00:00.123Z` });
    }
    all = (await store.readAll({ maxCount: 100 })).events;
    expect(all.map((e) => e.type)).toEqual([
      'OrderPlaced',
      'OrderShipped',
      'MemberJoined',
      'OrderPlaced',
      'OrderCancelled',
      'Noted',
    ]);
  });
  afterAll(async () => {
    await infra.close();
  });

  it('exports the whole log as NDJSON in log order, with nothing on stderr when piped', async () => {
    const result = await runCli(['events', 'export'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(ndjson(all));
    expect(jsonLines(result.stdout)[2]).toMatchObject({
      stream: 'member-1',
      revision: 0,
      created_at: '2024-01-02T10:00:00.123Z',
      data: { name: 'Zoë "Z" Øre, esq.', bio: 'line one\nline two\r\nthree', emoji: '🎉 ☕' },
      metadata: { tenantId: 't-1', actor: 'a, "b"' },
    });
  });

  it('selects by category, by type, by both, and by stream', async () => {
    const orders = await runCli(['events', 'export', '--category', 'order'], env);
    expect(orders.stdout).toBe(ndjson(all.filter((e) => e.streamName.startsWith('order-'))));

    const types = await runCli(['events', 'export', '--type', 'OrderPlaced', '--type', 'Noted'], env);
    expect(types.stdout).toBe(ndjson(all.filter((e) => e.type === 'OrderPlaced' || e.type === 'Noted')));

    const both = await runCli(
      [
        'events',
        'export',
        '--category',
        'order',
        '--category',
        'member',
        '--type',
        'OrderCancelled',
        '--type',
        'MemberJoined',
      ],
      env,
    );
    expect(both.stdout).toBe(ndjson([all[2]!, all[4]!]));

    const stream = await runCli(['events', 'export', '--stream', 'order-1'], env);
    expect(stream.stdout).toBe(ndjson(byStream('order-1')));
    expect(jsonLines(stream.stdout).map((r) => (r as { revision: number }).revision)).toEqual([0, 1, 2]);

    for (const result of [orders, types, both, stream]) expect(result).toMatchObject({ code: 0, stderr: '' });
  });

  it('takes a position range: --from exclusive, --to inclusive, also within one stream', async () => {
    const p = all.map((e) => formatPosition(e.position));
    const range = await runCli(['events', 'export', '--from', p[1]!, '--to', p[4]!], env);
    expect(range).toMatchObject({ code: 0, stderr: '' });
    expect(range.stdout).toBe(ndjson(all.slice(2, 5)));

    const fromOnly = await runCli(['events', 'export', '--from', p[3]!], env);
    expect(fromOnly.stdout).toBe(ndjson(all.slice(4)));

    const toOnly = await runCli(['events', 'export', '--to', p[0]!], env);
    expect(toOnly.stdout).toBe(ndjson(all.slice(0, 1)));

    const inStream = await runCli(['events', 'export', '--stream', 'order-1', '--from', p[0]!, '--to', p[1]!], env);
    expect(inStream.stdout).toBe(ndjson([all[1]!]));
  });

  it('filters on created_at without stopping at the first event past --until', async () => {
    const result = await runCli(
      ['events', 'export', '--since', '2024-01-02', '--until', '2024-01-05T10:00:00.123Z'],
      env,
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    // Jan 3, Jan 2, then Jan 4, which comes after the Jan 5 event in the log.
    expect(result.stdout).toBe(ndjson([all[1]!, all[2]!, all[4]!]));
  });

  it('writes CSV with a header, CRLF records and RFC 4180 quoting of commas, quotes, newlines and unicode', async () => {
    const result = await runCli(['events', 'export', '--format', 'csv'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.startsWith('position,stream,revision,id,type,created_at,data,metadata\r\n')).toBe(true);
    const weird = all[5]!;
    const lastRecord = `\r\n${formatPosition(weird.position)},"note-a,b""c\nd",0,${weird.id},Noted,2024-01-06T10:00:00.123Z,"{""text"":""x""}",{}\r\n`;
    expect(result.stdout.slice(-lastRecord.length)).toBe(lastRecord);

    const rows = parseCsv(result.stdout);
    expect(rows[0]).toEqual(['position', 'stream', 'revision', 'id', 'type', 'created_at', 'data', 'metadata']);
    expect(rows.slice(1)).toEqual(
      all.map((e) => [
        formatPosition(e.position),
        e.streamName,
        e.revision.toString(),
        e.id,
        e.type,
        e.createdAt.toISOString(),
        JSON.stringify(e.data),
        JSON.stringify(e.metadata),
      ]),
    );
    expect(JSON.parse(rows[3]![6]!)).toEqual({
      name: 'Zoë "Z" Øre, esq.',
      bio: 'line one\nline two\r\nthree',
      emoji: '🎉 ☕',
    });
    expect(rows[3]![7]).toBe(JSON.stringify({ actor: 'a, "b"', tenantId: 't-1' }));
  });

  it('writes --out to the file, leaves stdout clean and reports the count on stderr', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gs-cli-'));
    try {
      const file = join(dir, 'orders.ndjson');
      const result = await runCli(['events', 'export', '--category', 'order', '--out', file], env);
      expect(result).toEqual({ code: 0, signal: null, stdout: '', stderr: `exported 4 events to ${file}\n` });
      expect(await readFile(file, 'utf8')).toBe(ndjson(all.filter((e) => e.streamName.startsWith('order-'))));
      expect(await readdir(dir)).toEqual(['orders.ndjson']);

      const csv = join(dir, 'all.csv');
      expect((await runCli(['events', 'export', '--format', 'csv', '--out', csv], env)).code).toBe(0);
      expect(parseCsv(await readFile(csv, 'utf8'))).toHaveLength(all.length + 1);

      const nowhere = await runCli(['events', 'export', '--out', join(dir, 'missing', 'x.ndjson')], env);
      expect(nowhere.code).toBe(1);
      expect(nowhere.stderr).toMatch(/^error: cannot write .*missing\/x\.ndjson: ENOENT[^\n]*\n$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('draws the progress bar on a terminal stderr only, never into stdout or the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gs-cli-'));
    try {
      const file = join(dir, 'out.ndjson');
      const piped = join(dir, 'stdout.ndjson');
      // `script` gives the CLI a terminal; the shell inside sends its stdout to a file.
      const tty = (command: string) =>
        new Promise<string>((resolve, reject) => {
          const child = spawn('script', ['-qec', command, '/dev/null'], {
            cwd: ROOT,
            env,
            stdio: ['ignore', 'pipe', 'inherit'],
          });
          let seen = '';
          child.stdout.setEncoding('utf8').on('data', (chunk: string) => (seen += chunk));
          child.on('error', reject);
          child.on('close', (code) => (code === 0 ? resolve(seen) : reject(new Error(`exit ${code}: ${seen}`))));
        });
      const toFile = await tty(`${process.execPath} --import tsx src/cli.ts events export --out ${file}`);
      expect(toFile).toContain('\x1b[');
      expect(toFile).toMatch(/exporting \[.*\] 100% \| 6\/6 events/);
      expect(toFile).toContain(`exported 6 events to ${file}`);
      expect(await readFile(file, 'utf8')).toBe(ndjson(all));

      const toStdout = await tty(`${process.execPath} --import tsx src/cli.ts events export > ${piped}`);
      expect(toStdout).toContain('\x1b[');
      expect(toStdout).toContain('exported 6 events to stdout');
      expect(await readFile(piped, 'utf8')).toBe(ndjson(all));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('puts no escape codes into piped output', async () => {
    for (const args of [
      ['events', 'export'],
      ['events', 'export', '--format', 'csv'],
    ]) {
      const result = await runCli(args, env);
      expect(result.code).toBe(0);
      expect(result.stdout).not.toContain('\x1b');
      expect(result.stderr).toBe('');
    }
  });
});
