import { createHash, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../../support/app.js';

export interface ReplayProgram {
  readonly id: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly headers: Record<string, string>;
}

export async function replayProgram(app: TestApp, name: string): Promise<ReplayProgram> {
  const created = (await app.createProgram({ name })).data as { id: string; api_key: string; api_secret: string };
  return {
    id: created.id,
    apiKey: created.api_key,
    apiSecret: created.api_secret,
    headers: { 'Api-Key': created.api_key, 'Api-Secret': created.api_secret },
  };
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Registers a member through the API; answers its id, email and password. */
export async function registerMember(app: TestApp, program: ReplayProgram) {
  const email = `${randomUUID()}@example.org`;
  const password = `pw-${randomUUID()}`;
  const registered = await app.request('POST', '/v1/members', {
    headers: { 'Api-Key': program.apiKey },
    body: { user: { email, first_name: 'Zaz', last_name: 'Doe', password, city: 'Bordeaux', zipcode: '33300' } },
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  return { id: String((registered.body.data as { id: string }).id), email, password };
}

export interface Line {
  readonly position: string;
  readonly id?: string;
  readonly stream?: string;
  readonly type?: string;
  readonly heartbeat?: string;
  readonly data?: Record<string, unknown>;
  readonly metadata?: Record<string, unknown>;
}

/** GET as NDJSON, read whole. */
export async function ndjson(app: TestApp, path: string, headers: Record<string, string>) {
  const response = await fetch(`${app.baseUrl}${path}`, { headers: { ...headers, Accept: 'application/x-ndjson' } });
  const text = await response.text();
  const lines = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Line);
  return { status: response.status, contentType: response.headers.get('content-type'), text, lines };
}

/** An NDJSON stream read as it comes: lines gathered until `until` holds or the time runs out. */
export async function readUntil(
  body: ReadableStream<Uint8Array>,
  seen: Line[],
  until: (lines: readonly Line[]) => boolean,
  timeoutMs: number,
): Promise<boolean> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (!until(seen) && Date.now() < deadline) {
      const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), deadline - Date.now()));
      const chunk = await Promise.race([reader.read(), timer]);
      if (chunk === 'timeout' || chunk.done) break;
      buffered += decoder.decode(chunk.value, { stream: true });
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const part of parts) if (part !== '') seen.push(JSON.parse(part) as Line);
    }
    return until(seen);
  } finally {
    reader.releaseLock();
  }
}
