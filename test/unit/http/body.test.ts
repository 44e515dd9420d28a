import { describe, expect, it } from 'vitest';
import { inspectJson, MAX_JSON_DEPTH } from '../../../src/http/conventions/body.js';

const nested = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

describe('inspectJson, the walk over a parsed body', () => {
  it('when a body is plain, then nothing is found', () => {
    expect(inspectJson({ a: [1, 'x', null, { b: 'é 🌳' }], c: true })).toBeUndefined();
    expect(inspectJson('text')).toBeUndefined();
    expect(inspectJson(nested(MAX_JSON_DEPTH))).toBeUndefined();
  });

  it('when a string or a key holds U+0000, then its path is named', () => {
    expect(inspectJson({ a: [{ b: 'x\u0000' }] })).toEqual({ problem: 'nul', field: 'a.0.b' });
    expect(inspectJson({ a: { 'k\u0000': 1 } })).toEqual({ problem: 'nul', field: 'a.k\u0000' });
    expect(inspectJson('\u0000')).toEqual({ problem: 'nul', field: '(body)' });
    expect(inspectJson({ q: 'x\u0000' }, ['query'])).toEqual({ problem: 'nul', field: 'query.q' });
  });

  it('when a string or a key holds a lone UTF-16 surrogate, then its path is named; a pair is fine', () => {
    expect(inspectJson({ title: '\ud800' })).toEqual({ problem: 'surrogate', field: 'title' });
    expect(inspectJson({ list: ['ok', 'a\udfffb'] })).toEqual({ problem: 'surrogate', field: 'list.1' });
    expect(inspectJson({ ['\udc00']: 1 })).toEqual({ problem: 'surrogate', field: '\udc00' });
    expect(inspectJson({ title: '\ud83c\udf33' })).toBeUndefined();
  });

  it('when nesting passes the limit, then it is found without recursion, however deep', () => {
    expect(inspectJson(nested(MAX_JSON_DEPTH + 1))).toEqual({ problem: 'depth' });
    expect(inspectJson(nested(200_000))).toEqual({ problem: 'depth' });
    expect(inspectJson(JSON.parse(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`))).toEqual({ problem: 'depth' });
  });

  it('when the first problem comes before another in document order, then it is the one named', () => {
    expect(inspectJson({ a: 'x\u0000', b: '\ud800' })).toEqual({ problem: 'nul', field: 'a' });
    expect(inspectJson([{ a: '\ud800' }, 'x\u0000'])).toEqual({ problem: 'surrogate', field: '0.a' });
  });
});
