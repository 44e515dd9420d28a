import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPosition } from '../../../src/platform/eventstore/position.js';
import type { EventMetadata, JsonObject, NewEvent, RecordedEvent } from '../../../src/platform/eventstore/types.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { cliEnv, collect, ndjson, runCli, startCli } from './cli-process.js';

const event = (type: string, data: JsonObject, metadata?: EventMetadata): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata,
});

describe('events export over several pages', () => {
  let infra: TestInfra;
  let env: NodeJS.ProcessEnv;
  let all: RecordedEvent[];
  const COUNT = 2500;

  beforeAll(async () => {
    infra = await openTestInfra();
    env = cliEnv(infra.url);
    await infra.store.append(
      'bulk-1',
      Array.from({ length: COUNT }, (_, i) => event('Counted', { i })),
      { expectedRevision: 'no_stream' },
    );
    await infra.store.append('other-1', [event('Other', {})], { expectedRevision: 'no_stream' });
    all = (await infra.store.readAll({ maxCount: COUNT + 10 })).events;
  });
  afterAll(async () => {
    await infra.close();
  });

  it('streams every page, and cuts a position range in the middle of pages', async () => {
    const whole = await runCli(['events', 'export', '--type', 'Counted'], env);
    expect(whole.stdout).toBe(ndjson(all.slice(0, COUNT)));

    const p = all.map((e) => formatPosition(e.position));
    const range = await runCli(['events', 'export', '--from', p[999]!, '--to', p[2100]!], env);
    expect(range.stdout).toBe(ndjson(all.slice(1000, 2101)));

    const stream = await runCli(['events', 'export', '--stream', 'bulk-1', '--from', p[1499]!], env);
    expect(stream.stdout).toBe(ndjson(all.slice(1500, COUNT)));
  });

  it('stops quietly when the reader goes away, as `| head -1` does', async () => {
    const child = startCli(['events', 'export'], env);
    const out = collect(child);
    child.stdout.once('data', () => child.stdout.destroy());
    const result = await out.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });
});
