import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import { rawBody } from '../conventions/body.js';
import { HttpError } from '../errors.js';

const rawBodies = new WeakMap<IncomingMessage, Buffer>();

/**
 * The `verify` hook of express.json / express.urlencoded: keeps the exact bytes
 * received, which a signed request's signature covers (a re-serialised body would not match).
 */
export function captureRawBody(req: IncomingMessage, _res: ServerResponse, buf: Buffer): void {
  rawBodies.set(req, buf);
}

const hasBody = (req: IncomingMessage): boolean =>
  req.headers['transfer-encoding'] !== undefined ||
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/** The body bytes when they can be had without reading the stream (none, or captured by a parser). */
export function knownRawBody(req: Request): Buffer | undefined {
  const captured = rawBody(req) ?? rawBodies.get(req);
  if (captured) return captured;
  if (!hasBody(req) || req.readableEnded) return Buffer.alloc(0);
  return undefined;
}

/**
 * The exact body bytes: those a parser captured, else (a body no parser took,
 * such as text/plain) read here; body parsers skip a stream already read.
 */
export async function rawBodyOf(req: Request, limit = 1024 * 1024): Promise<Buffer> {
  const known = knownRawBody(req);
  if (known) return known;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError('payload_too_large', 'the body is larger than the limit');
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  rawBodies.set(req, body);
  return body;
}
