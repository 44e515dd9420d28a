import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPosition } from '../../../src/platform/eventstore/position.js';
import type { JsonObject, RecordedEvent } from '../../../src/platform/eventstore/types.js';
import { eventually, openTestInfra, type TestInfra } from '../../support/infra.js';
import { cliEnv, collect, jsonLines, ndjson, startCli } from './cli-process.js';

const lineCount = (text: string): number => text.split('\n').length - 1;

describe('events tail', () => {
  let infra: TestInfra;
  let env: NodeJS.ProcessEnv;

  async function append(stream: string, type: string, data: JsonObject = {}): Promise<RecordedEvent> {
    const id = randomUUID();
    await infra.store.append(stream, [{ id, type, data }], { expectedRevision: 'any' });
    const [recorded] = (await infra.store.readStream(stream)).filter((e) => e.id === id);
    return recorded!;
  }

  beforeAll(async () => {
    infra = await openTestInfra();
    env = cliEnv(infra.url, { POLL_INTERVAL_MS: '100' });
  });
  afterAll(async () => {
    await infra.close();
  });

  it('prints what is there, then new events as they come, filtered, and exits 0 on SIGINT', async () => {
    const first = await append('order-1', 'OrderPlaced', { n: 1 });
    await append('member-1', 'MemberJoined');
    const child = startCli(['events', 'tail', '--category', 'order'], env);
    const out = collect(child);
    await eventually(out.stdout, (s) => lineCount(s) >= 1);

    await append('member-2', 'MemberJoined');
    const second = await append('order-2', 'OrderPlaced', { n: 2, note: 'live, "quoted"\nü' });
    await eventually(out.stdout, (s) => lineCount(s) >= 2);
    child.kill('SIGINT');
    const result = await out.done;

    expect(result).toMatchObject({ code: 0, signal: null, stderr: '' });
    expect(result.stdout).toBe(ndjson([first, second]));
  });

  it('starts after --from, and follows only --type', async () => {
    const before = await append('order-3', 'OrderPlaced');
    const wanted = await append('order-3', 'OrderShipped');
    await append('order-3', 'OrderPlaced');
    const child = startCli(
      ['events', 'tail', '--from', formatPosition(before.position), '--type', 'OrderShipped'],
      env,
    );
    const out = collect(child);
    await eventually(out.stdout, (s) => lineCount(s) >= 1);
    const live = await append('order-4', 'OrderShipped');
    await eventually(out.stdout, (s) => lineCount(s) >= 2);
    child.kill('SIGINT');
    const result = await out.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(ndjson([wanted, live]));
  });

  it('with --from-now, prints none of the events already there', async () => {
    const old = await append('ping-0', 'Ping');
    const child = startCli(['events', 'tail', '--from-now', '--category', 'ping'], env);
    const out = collect(child);
    // The CLI says nothing when it is ready: append until something shows.
    const appended: RecordedEvent[] = [];
    await eventually(
      async () => {
        appended.push(await append('ping-1', 'Ping', { i: appended.length }));
        await new Promise((r) => setTimeout(r, 150));
        return out.stdout();
      },
      (s) => lineCount(s) >= 1,
      20_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGINT');
    const result = await out.done;
    expect(result.code).toBe(0);
    const ids = jsonLines(result.stdout).map((r) => (r as { id: string }).id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).not.toContain(old.id);
    // Whatever it printed is a tail of what was appended after it started, in order, with no gap.
    const appendedIds = appended.map((e) => e.id);
    expect(appendedIds.slice(appendedIds.length - ids.length)).toEqual(ids);
  });
});
