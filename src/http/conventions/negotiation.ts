import type { RequestHandler, Response } from 'express';
import { HttpError } from '../errors.js';

/** One media range of an Accept header: `type/subtype; param=value; q=0.5`. */
export interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly params: Readonly<Record<string, string>>;
  readonly q: number;
}

/** Parses an Accept header; a missing or empty one accepts anything. */
export function parseAccept(header: string | undefined): MediaRange[] {
  if (!header || header.trim() === '') return [{ type: '*', subtype: '*', params: {}, q: 1 }];
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [mediaType = '', ...rawParams] = part.split(';').map((s) => s.trim());
    const [type, subtype] = mediaType.toLowerCase().split('/');
    if (!type || !subtype) continue;
    const params: Record<string, string> = {};
    let q = 1;
    for (const raw of rawParams) {
      const eq = raw.indexOf('=');
      if (eq <= 0) continue;
      const name = raw.slice(0, eq).trim().toLowerCase();
      const value = raw
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
      if (name === 'q') q = Number.isFinite(Number(value)) ? Number(value) : 0;
      else params[name] = value;
    }
    ranges.push({ type, subtype, params, q });
  }
  return ranges;
}

function matches(range: MediaRange, mediaType: string): boolean {
  const [type, subtype] = mediaType.split('/');
  return (range.type === '*' || range.type === type) && (range.subtype === '*' || range.subtype === subtype);
}

/** Whether any range with q > 0 accepts one of the media types. */
export function acceptsAny(ranges: readonly MediaRange[], mediaTypes: readonly string[]): boolean {
  return ranges.some((range) => range.q > 0 && mediaTypes.some((t) => matches(range, t)));
}

/** `Accept: application/json; pretty=true` (the contract's development aid). */
export function wantsPretty(ranges: readonly MediaRange[]): boolean {
  return ranges.some(
    (r) => r.q > 0 && r.type === 'application' && r.subtype === 'json' && r.params.pretty?.toLowerCase() === 'true',
  );
}

/** Routes that serve something other than JSON, with the media types they produce. */
export interface AlternativeMedia {
  readonly path: string | RegExp;
  readonly types: readonly string[];
}

export interface NegotiationOptions {
  readonly alternatives?: readonly AlternativeMedia[];
}

function prettyJson(res: Response): void {
  res.json = function json(body: unknown) {
    if (!res.get('Content-Type')) res.type('application/json');
    return res.send(`${JSON.stringify(body, null, 2)}\n`);
  };
}

/**
 * Answers 406 `not_acceptable` when the Accept header admits nothing the route
 * serves (JSON everywhere, except the listed alternatives), and pretty-prints
 * `res.json` for `application/json; pretty=true`. Mount it before the routes,
 * so a refused request runs no handler.
 */
export function contentNegotiation(options: NegotiationOptions = {}): RequestHandler {
  const alternatives = options.alternatives ?? [];
  return (req, res, next) => {
    const ranges = parseAccept(req.get('Accept'));
    if (wantsPretty(ranges)) prettyJson(res);
    const alternative = alternatives.find((a) =>
      typeof a.path === 'string' ? a.path === req.path : a.path.test(req.path),
    );
    const served = alternative ? alternative.types : ['application/json'];
    if (!acceptsAny(ranges, served)) {
      throw new HttpError(
        'not_acceptable',
        `this resource is served as ${served.join(' or ')}; the Accept header admits none of them`,
      );
    }
    next();
  };
}
