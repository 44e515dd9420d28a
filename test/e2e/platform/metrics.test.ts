import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { eventually } from '../../support/infra.js';

const hasPromtool = spawnSync('promtool', ['--version']).status === 0;

/** The exposition-format rules promtool enforces that matter here, for machines without it. */
function lint(text: string): string[] {
  const problems: string[] = [];
  const typed = new Map<string, string>();
  for (const line of text.split('\n').filter(Boolean)) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) {
      typed.set(type[1]!, type[2]!);
      if (type[2] !== 'counter' && type[1]!.endsWith('_total'))
        problems.push(`${type[1]} non-counter metrics should not have "_total" suffix`);
      if (type[2] === 'counter' && !type[1]!.endsWith('_total'))
        problems.push(`${type[1]} counter metrics should have "_total" suffix`);
      continue;
    }
    if (line.startsWith('#')) continue;
    const name = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line)?.[1] ?? '';
    const family = name.replace(/_(bucket|sum|count|total)$/, '');
    if (!typed.has(name) && !typed.has(family)) problems.push(`${name} has no TYPE line before it`);
    if (!/ -?(\d+(\.\d+)?(e[+-]?\d+)?|NaN|\+Inf|-Inf)$/.test(line)) problems.push(`bad sample: ${line}`);
  }
  return problems;
}

describe('/metrics', () => {
  let app: TestApp;
  let text: string;
  beforeAll(async () => {
    app = await startTestApp();
    await app.request('GET', '/info');
    await app.request('GET', '/v1/nothing');
    // A projection's series appears once this process has taken the projection's lock, moments after start.
    text = await eventually(
      async () => (await fetch(`${app.baseUrl}/metrics`)).text(),
      (body) => body.includes('goodstream_projection_lag_seconds{projection="members"}'),
      10_000,
    );
  });
  afterAll(async () => {
    await app.stop();
  });

  it('passes promtool check metrics (or the same rules where promtool is not installed)', () => {
    if (hasPromtool) {
      const result = spawnSync('promtool', ['check', 'metrics'], { input: text });
      expect(`${result.stdout.toString()}${result.stderr.toString()}`.trim()).toBe('');
      expect(result.status).toBe(0);
    }
    expect(lint(text)).toEqual([]);
  });

  it('has the request latency histogram by route, projection lag and applied events, and queue depths', () => {
    expect(text).toMatch(
      /goodstream_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/info",status="200"\} \d+/,
    );
    expect(text).toMatch(/goodstream_projection_lag_seconds\{projection="members"\} \d/);
    expect(text).toContain('# TYPE goodstream_projection_events_total counter');
    expect(text).toMatch(/goodstream_queue_jobs\{queue="webhook-deliveries",state="waiting"\} \d+/);
  });

  it('passes promtool when fetched by curl, as a scraper would', async () => {
    // Asynchronously: a synchronous curl would block the very server it asks.
    const fetched = (await promisify(execFile)('curl', ['-s', `${app.baseUrl}/metrics`])).stdout;
    if (!hasPromtool) return expect(lint(fetched)).toEqual([]);
    const result = spawnSync('promtool', ['check', 'metrics'], { input: fetched });
    expect(result.status).toBe(0);
  });
});
