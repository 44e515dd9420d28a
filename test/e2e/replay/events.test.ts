import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { eventually } from '../../support/infra.js';
import {
  ndjson,
  readUntil,
  registerMember,
  replayProgram,
  sha256Hex,
  type Line,
  type ReplayProgram,
} from './fixture.js';

const PUBLIC_URL = 'https://93.184.215.14/hooks';

describe('a program replays its own events over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  const page = async (program: ReplayProgram, query: string) => {
    const answer = await app.request('GET', `/v1/events${query}`, { headers: program.headers });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body as { data: Line[]; next: string; has_more: boolean };
  };
  const openStreams = async (): Promise<number> => {
    const text = await (await fetch(`${app.baseUrl}/metrics`)).text();
    return Number(/^goodstream_replay_streams_open (\d+)/m.exec(text)?.[1] ?? NaN);
  };

  it('when a program replays as NDJSON, then it gets its own events only, in log order, and no secret in clear', async () => {
    const a = await replayProgram(app, 'replay-a');
    const b = await replayProgram(app, 'replay-b');
    const mine = await registerMember(app, a);
    const theirs = await registerMember(app, b);
    const hook = await app.request('POST', '/v1/webhooks', {
      headers: a.headers,
      body: { url: PUBLIC_URL, events: ['member.registered'] },
    });
    expect(hook.status).toBe(201);
    const webhookSecret = String((hook.body.data as { secret: string }).secret);

    const replay = await ndjson(app, '/v1/events', a.headers);
    expect(replay.status).toBe(200);
    expect(replay.contentType).toMatch(/^application\/x-ndjson/);
    expect(replay.lines.length).toBeGreaterThanOrEqual(3);
    expect(replay.lines.every((line) => line.metadata?.tenantId === a.id)).toBe(true);
    const positions = replay.lines.map((line) => line.position);
    expect([...positions].sort()).toEqual(positions);
    expect(new Set(positions).size).toBe(positions.length);
    const registered = replay.lines.find((line) => line.type === 'MemberRegistered');
    expect(registered?.data?.memberId).toBe(mine.id);
    expect(replay.lines.map((line) => line.type)).toContain('ProgramCreated');
    expect(replay.text).not.toContain(theirs.id);
    expect(replay.text).not.toContain(theirs.email);
    for (const secret of [mine.password, sha256Hex(a.apiSecret), webhookSecret, webhookSecret.slice(6), 'scrypt$'])
      expect(replay.text).not.toContain(secret);
    expect(replay.text).toContain('[sealed]');
  });

  it('when only the public Api-Key asks, then 401; another program’s stream is not found; its own stream reads', async () => {
    const a = await replayProgram(app, 'streams-a');
    const b = await replayProgram(app, 'streams-b');
    const member = await registerMember(app, a);
    const keyOnly = await app.request('GET', '/v1/events', { headers: { 'Api-Key': a.apiKey } });
    expect(keyOnly.status).toBe(401);

    const all = await ndjson(app, '/v1/events?type=MemberRegistered', a.headers);
    const stream = all.lines.find((line) => line.data?.memberId === member.id)?.stream;
    expect(stream).toBeDefined();
    const foreign = await app.request('GET', `/v1/streams/${stream}`, { headers: b.headers });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error_name).toBe('not_found');
    const missing = await app.request('GET', '/v1/streams/member-00000000-0000-4000-8000-000000000000', {
      headers: a.headers,
    });
    expect(missing.status).toBe(404);

    const own = await app.request('GET', `/v1/streams/${stream}`, { headers: a.headers });
    expect(own.status).toBe(200);
    const body = own.body as { data: Line[]; next_revision: number | null };
    expect(body.data[0]?.type).toBe('MemberRegistered');
    expect(body.next_revision).toBeNull();
    const lines = await ndjson(app, `/v1/streams/${stream}`, a.headers);
    expect(lines.lines.map((line) => line.id)).toEqual(body.data.map((line) => line.id));
  });

  it('when pages are read by cursor while members register, then every event comes once and none is skipped', async () => {
    const a = await replayProgram(app, 'cursor-a');
    let writing = true;
    const writes = Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = 0; i < 5; i += 1) await registerMember(app, a);
      }),
    ).finally(() => (writing = false));
    const read: string[] = [];
    let cursor = '';
    for (;;) {
      const stillWriting = writing;
      const answer = await page(a, `?limit=3${cursor ? `&from=${cursor}` : ''}`);
      read.push(...answer.data.map((line) => String(line.id)));
      cursor = answer.next;
      if (!answer.has_more && !stillWriting) break;
    }
    await writes;
    const whole = await ndjson(app, '/v1/events', a.headers);
    expect(whole.lines.filter((line) => line.type === 'MemberRegistered')).toHaveLength(20);
    expect(read).toEqual(whole.lines.map((line) => line.id));
  });

  it('when following, then a heartbeat comes while idle and a new event arrives as a line', async () => {
    const a = await replayProgram(app, 'follow-a');
    const head = await page(a, '?limit=1000');
    const aborting = new AbortController();
    const response = await fetch(`${app.baseUrl}/v1/events?follow=true&heartbeat_seconds=1&from=${head.next}`, {
      headers: { ...a.headers, Accept: 'application/x-ndjson' },
      signal: aborting.signal,
    });
    expect(response.status).toBe(200);
    const seen: Line[] = [];
    try {
      expect(await readUntil(response.body!, seen, (lines) => lines.some((l) => l.heartbeat), 5000)).toBe(true);
      const member = await registerMember(app, a);
      const arrived = (lines: readonly Line[]) => lines.some((l) => l.data?.memberId === member.id);
      expect(await readUntil(response.body!, seen, arrived, 5000)).toBe(true);
      expect(seen.filter((line) => line.id).every((line) => line.metadata?.tenantId === a.id)).toBe(true);
    } finally {
      aborting.abort();
    }
  });

  it('when the client disconnects from a followed replay, then the replay stops', async () => {
    const a = await replayProgram(app, 'disconnect-a');
    const aborting = new AbortController();
    const response = await fetch(`${app.baseUrl}/v1/events?follow=true&heartbeat_seconds=1`, {
      headers: { ...a.headers, Accept: 'application/x-ndjson' },
      signal: aborting.signal,
    });
    expect(await readUntil(response.body!, [], (lines) => lines.some((l) => l.heartbeat), 5000)).toBe(true);
    expect(await openStreams()).toBe(1);
    aborting.abort();
    await eventually(openStreams, (open) => open === 0, 5000);
    expect(await openStreams()).toBe(0);
  });

  it('filters by type and time, and answers 422 to a bad cursor, a bad limit or follow without NDJSON', async () => {
    const a = await replayProgram(app, 'filters-a');
    await registerMember(app, a);
    const byType = await page(a, '?type=MemberRegistered');
    expect(byType.data.map((line) => line.type)).toEqual(['MemberRegistered']);
    const future = await page(a, `?since=${encodeURIComponent('2999-01-01T00:00:00Z')}`);
    expect(future.data).toEqual([]);
    for (const [query, field] of [
      ['?from=nowhere', 'from'],
      ['?limit=0', 'limit'],
      ['?follow=true', 'follow'],
      ['?since=yesterday', 'since'],
    ] as const) {
      const refused = await app.request('GET', `/v1/events${query}`, { headers: a.headers });
      expect(refused.status, query).toBe(422);
      expect(refused.body.error_name).toBe('invalid_request');
      expect((refused.body.details as Array<{ field: string }>).map((d) => d.field)).toContain(field);
    }
  });
});
