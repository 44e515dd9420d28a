import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { eventually } from '../../support/infra.js';
import { readUntil, replayProgram, type ReplayProgram } from './fixture.js';

describe('replay streams held open by one program', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ REPLAY_STREAMS_PER_PROGRAM: '2' });
  });
  afterAll(async () => {
    await app.stop();
  });

  const follow = async (program: ReplayProgram) => {
    const aborting = new AbortController();
    const response = await fetch(`${app.baseUrl}/v1/events?follow=true&heartbeat_seconds=1`, {
      headers: { ...program.headers, Accept: 'application/x-ndjson' },
      signal: aborting.signal,
    });
    expect(response.status).toBe(200);
    expect(await readUntil(response.body!, [], (lines) => lines.some((l) => l.heartbeat), 5000)).toBe(true);
    return () => aborting.abort();
  };
  /** A replay to the head (it ends by itself), so a free slot answers 200 and gives the slot back. */
  const oneMore = (program: ReplayProgram) =>
    app.request('GET', '/v1/events', { headers: { ...program.headers, Accept: 'application/x-ndjson' } });

  it('when a program holds its limit of streams, then one more is 429 with Retry-After, other programs stream on, and a closed stream frees its slot', async () => {
    const a = await replayProgram(app, 'slots-a');
    const b = await replayProgram(app, 'slots-b');
    const closers: Array<() => void> = [];
    try {
      await steps(a, b, closers);
    } finally {
      for (const close of closers) close();
    }
  });

  async function steps(a: ReplayProgram, b: ReplayProgram, closers: Array<() => void>): Promise<void> {
    const closeFirst = await follow(a);
    closers.push(await follow(a));

    const refused = await oneMore(a);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.body).toMatchObject({ error_name: 'too_many_requests' });
    // The limit is the program's, not the server's.
    closers.push(await follow(b));

    closeFirst();
    // The slot is free once the server has seen the disconnect.
    await eventually(
      async () => (await oneMore(a)).status,
      (status) => status !== 429,
      5000,
    );
  }
});

describe('an app stopping while a replay is followed', () => {
  it('when the app stops, then the followed stream is cut within the grace and the stop completes', async () => {
    const app = await startTestApp();
    const a = await replayProgram(app, 'stopping-a');
    const response = await fetch(`${app.baseUrl}/v1/events?follow=true&heartbeat_seconds=1`, {
      headers: { ...a.headers, Accept: 'application/x-ndjson' },
    });
    expect(await readUntil(response.body!, [], (lines) => lines.some((l) => l.heartbeat), 5000)).toBe(true);
    const started = Date.now();
    await app.stop();
    // The grace is 5 s; a followed replay never ends by itself, so only the cut can end this stop.
    expect(Date.now() - started).toBeLessThan(8_000);
  }, 30_000);
});
