import { gzipSync } from 'node:zlib';
import fc from 'fast-check';

/** The little of an OpenAPI 3.1 document the fuzz reads. */
export interface SchemaObject {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, SchemaObject>>;
  readonly items?: SchemaObject;
  readonly enum?: readonly unknown[];
  readonly anyOf?: readonly SchemaObject[];
  readonly oneOf?: readonly SchemaObject[];
}
interface OperationObject {
  readonly security?: ReadonlyArray<Record<string, unknown>>;
  readonly requestBody?: { readonly content?: Record<string, { readonly schema?: SchemaObject }> };
}
export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OperationObject>>;
  readonly components?: { readonly schemas?: Record<string, SchemaObject> };
}

export type CredentialKind = 'program' | 'member' | 'admin' | 'apiKey' | 'signed' | 'none';

/** One route to send bodies to, as the document declares it. */
export interface Target {
  readonly method: string;
  readonly path: string;
  readonly credentials: CredentialKind;
  readonly schema: SchemaObject | undefined;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * The scheme the fuzz answers an operation's security with: the program's own first, a member's when only members may
 * call.
 */
function credentialKind(security: OperationObject['security']): CredentialKind {
  const schemes = new Set((security ?? []).flatMap((requirement) => Object.keys(requirement)));
  if (schemes.has('apiSecret')) return 'program';
  if (schemes.has('signature')) return 'signed';
  if (schemes.has('userToken') || schemes.has('memberBearer')) return 'member';
  if (schemes.has('admin')) return 'admin';
  return schemes.has('apiKey') ? 'apiKey' : 'none';
}

/** Every operation with a request body or a path parameter. */
export function targetsOf(document: OpenApiDocument): Target[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    METHODS.filter((method) => operations[method] !== undefined)
      .map((method) => ({ method, path, operation: operations[method]! }))
      .filter(({ path: p, operation }) => operation.requestBody !== undefined || p.includes('{'))
      .map(({ method, operation }) => ({
        method: method.toUpperCase(),
        path,
        credentials: credentialKind(operation.security),
        schema: operation.requestBody?.content?.['application/json']?.schema,
      })),
  );
}

// ─── values ──────────────────────────────────────────────────────────────────

/** A JSON value JSON.stringify cannot write, spliced into the text afterwards. */
const RAW = (text: string): string => `\u0001raw:${text}\u0001`;
const unRaw = (json: string): string => json.replace(/"\\u0001raw:([^"\\]*)\\u0001"/g, '$1');

const BAD_DATES = [
  '+275760-09-13T00:00:00Z',
  '-000001-01-01',
  '0000-01-01',
  '2026-02-30',
  '1899-12-31T23:59:59Z',
  '9999-12-31T23:00:00-05:00',
  '2026-01-31T24:00:00Z',
  'tomorrow',
  '1',
  '',
];
const NASTY_STRINGS = [
  '\ud800',
  'a\udfffb',
  '\u0000',
  'x\u0000y',
  '\ud83c\udf33',
  '\ufeff',
  'é'.repeat(3000),
  ' ',
  '%00',
  '../../etc/passwd',
  "'; drop table x; --",
];
const NASTY_NUMBERS = [
  RAW('1e309'),
  RAW('-1e309'),
  RAW(String(2 ** 64)),
  RAW('-0'),
  RAW('NaN'),
  RAW('0.1e-400'),
  RAW('123456789012345678901234567890'),
  -1,
  0,
  1.5,
  Number.MAX_SAFE_INTEGER,
];

const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...BAD_DATES),
  fc.constantFrom(...NASTY_STRINGS),
  fc.constantFrom(...NASTY_NUMBERS),
  fc.constantFrom<unknown>(null, true, [], {}, [[[]]]),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

const resolve = (schema: SchemaObject, document: OpenApiDocument): SchemaObject =>
  schema.$ref ? (document.components?.schemas?.[schema.$ref.split('/').pop() ?? ''] ?? {}) : schema;

/** A value shaped like the schema, each leaf sometimes swapped for a nasty one. */
function shaped(schema: SchemaObject, document: OpenApiDocument, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, document);
  const choices = s.anyOf ?? s.oneOf;
  if (choices && choices.length > 0) return fc.oneof(...choices.map((c) => shaped(c, document, depth + 1)));
  if (s.enum && s.enum.length > 0) return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...s.enum) }, nasty);
  const type = typeof s.type === 'string' ? s.type : s.type?.find((t) => t !== 'null');
  if (depth > 4) return nasty;
  if (type === 'object' && s.properties) {
    const properties = Object.fromEntries(
      Object.entries(s.properties).map(([key, inner]) => [key, shaped(inner, document, depth + 1)]),
    );
    return fc.record(properties, { requiredKeys: [] });
  }
  if (type === 'array') return fc.array(s.items ? shaped(s.items, document, depth + 1) : nasty, { maxLength: 3 });
  const plain =
    type === 'string'
      ? fc.string({ maxLength: 20 })
      : type === 'boolean'
        ? fc.boolean()
        : type === 'number' || type === 'integer'
          ? fc.integer()
          : fc.anything({ maxDepth: 2 });
  return fc.oneof({ weight: 2, arbitrary: plain }, nasty);
}

// ─── bodies ──────────────────────────────────────────────────────────────────

/** A request body as bytes, with the headers that describe it (some lying). */
export interface FuzzBody {
  readonly label: string;
  readonly body: string | Uint8Array;
  readonly headers: Record<string, string>;
}

const JSON_TYPE = { 'Content-Type': 'application/json' };
const deep = (open: string, inner: string, close: string, depth: number) =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

/** Every kind of body the fuzz sends: shaped, deep, truncated, mistyped, misencoded. */
export function bodies(schema: SchemaObject | undefined, document: OpenApiDocument): fc.Arbitrary<FuzzBody> {
  const text = (schema ? shaped(schema, document) : fc.anything({ maxDepth: 2 })).map((value) =>
    unRaw(JSON.stringify(value) ?? 'null'),
  );
  const json = (label: string, arbitrary: fc.Arbitrary<string>) =>
    arbitrary.map((body) => ({ label, body, headers: JSON_TYPE }));
  return fc.oneof(
    { weight: 6, arbitrary: json('shaped', text) },
    {
      weight: 1,
      arbitrary: json(
        'array instead of object',
        text.map((t) => `[${t}]`),
      ),
    },
    {
      weight: 1,
      arbitrary: json(
        'truncated',
        fc.tuple(text, fc.nat()).map(([t, n]) => t.slice(0, n % Math.max(1, t.length))),
      ),
    },
    {
      weight: 1,
      arbitrary: json(
        'deep',
        fc.constantFrom(deep('[', '', ']', 10_000), deep('{"a":', '1', '}', 10_000), deep('[', '"\\ud800"', ']', 65)),
      ),
    },
    {
      weight: 1,
      arbitrary: json(
        'special numbers',
        fc.constantFrom('1e309', '{"amount":1e309}', '{"amount":-0}', '{"amount":NaN}', `{"amount":${2 ** 64}}`),
      ),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          text,
          fc.constantFrom(
            'text/plain',
            'multipart/form-data; boundary=x',
            'application/x-www-form-urlencoded',
            'application/json; charset=utf-16',
            'application/json; charset=foo',
            'application/xml',
          ),
        )
        .map(([body, type]) => ({ label: `content type ${type}`, body, headers: { 'Content-Type': type } })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(text, fc.constantFrom('gzip (lying)', 'gzip', 'deflate (lying)', 'br', 'zstd', 'identity, gzip'))
        .map(([body, kind]) => ({
          label: `content encoding ${kind}`,
          body: kind === 'gzip' ? gzipSync(body) : body,
          headers: { ...JSON_TYPE, 'Content-Encoding': kind.split(' (')[0]! },
        })),
    },
  );
}

/** Path parameters: a fresh uuid, a known one, and strings that are no id at all. */
export const pathParameter = (known: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.uuid(),
    fc.constantFrom(
      ...known,
      'not-a-uuid',
      '0',
      '-1',
      '1e309',
      '%00',
      '%ED%A0%80',
      '%F0%9F%8C%B3',
      '%',
      'a'.repeat(300),
      'null',
    ),
  );

/** The path with each `{param}` filled. */
export const fillPath = (path: string, values: readonly string[]): string => {
  let i = 0;
  return path.replace(/\{[^}]+\}/g, () => values[i++] ?? 'x');
};
