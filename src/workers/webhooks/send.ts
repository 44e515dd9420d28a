import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { bareHostname, guardedLookup } from '../../platform/url-guard.js';

export interface SendResult {
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
  /** The first bytes of the answer, for the delivery log. */
  readonly excerpt: string | null;
  /** Seconds, when a 429 or 503 asked for a pause. */
  readonly retryAfterSeconds: number | null;
}

const EXCERPT_BYTES = 1024;

function retryAfter(value: string | string[] | undefined): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return null;
  const seconds = Number(text);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Node calls no `lookup` for an IP literal, so the literal is put through it here, before any connection. */
function literalRefusal(target: URL, lookup: LookupFunction): Promise<string | undefined> {
  const host = bareHostname(target);
  if (isIP(host) === 0) return Promise.resolve(undefined);
  return new Promise((resolve) => lookup(host, { all: true }, (error) => resolve(error ? error.message : undefined)));
}

/**
 * One POST with a hard timeout. `lookup` is where the address is checked at
 * connect time (the SSRF guard), for a name and an IP literal alike, so a name
 * that changed to a private address after the subscription was made, or a
 * subscription made while private addresses were allowed, is refused without
 * a byte sent. Without a `lookup`, only public addresses are called.
 */
export async function postJson(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; lookup?: LookupFunction },
): Promise<SendResult> {
  const started = performance.now();
  const target = new URL(url);
  const lookup = options.lookup ?? guardedLookup(false);
  const refused = await literalRefusal(target, lookup);
  if (refused)
    return {
      statusCode: null,
      latencyMs: Math.round(performance.now() - started),
      error: refused,
      excerpt: null,
      retryAfterSeconds: null,
    };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<SendResult, 'latencyMs'>): void => {
      if (settled) return;
      settled = true;
      resolve({ ...result, latencyMs: Math.round(performance.now() - started) });
    };
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        timeout: options.timeoutMs,
        lookup,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () =>
          finish({
            statusCode: res.statusCode ?? null,
            error: null,
            excerpt: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8'),
            retryAfterSeconds: retryAfter(res.headers['retry-after']),
          }),
        );
        res.on('error', (error) =>
          finish({ statusCode: res.statusCode ?? null, error: error.message, excerpt: null, retryAfterSeconds: null }),
        );
      },
    );
    const timer = setTimeout(
      () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    req.on('close', () => clearTimeout(timer));
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', (error) =>
      finish({ statusCode: null, error: error.message, excerpt: null, retryAfterSeconds: null }),
    );
    req.end(body);
  });
}
