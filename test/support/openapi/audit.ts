/**
 * Walks an OpenAPI document and names what makes it less than precise: open objects, ids, dates, emails and URLs
 * without their format, enumerated fields without their enum, operations without the general error statuses.
 */

type Schema = Record<string, unknown>;
type Operation = {
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
  requestBody?: unknown;
  responses?: Record<string, unknown>;
};
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Findings {
  readonly openObjects: string[];
  readonly missingFormats: string[];
  readonly missingEnums: string[];
  readonly missingStatuses: string[];
}

/** Ids are uuids, dates dates or date-times; a string with a `pattern` (an HH:MM, a SHA-256) says its own shape. */
const FORMATS: Array<[RegExp, string[]]> = [
  [/^(id|.+_id|.+_ids)$/, ['uuid']],
  [/^(.+_at|.+_on|.+_date|date|birthday|since)$/, ['date', 'date-time']],
];
/** Names of fields whose values are a closed list (an enum, or a pattern such as a currency code's). */
const ENUMERATED =
  /^(status|sort|order|direction|kind|frequency|method|payment_method|events?|subscription|grant_type|token_type|currency|use|kty|alg|crv|feedback|type)$/;

const isObject = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function typesOf(schema: Schema): string[] {
  const type = schema.type;
  return Array.isArray(type) ? (type as string[]) : typeof type === 'string' ? [type] : [];
}

function walkSchema(
  schema: unknown,
  where: string,
  name: string | undefined,
  findings: Findings,
  seen: Set<unknown>,
  inAllOf = false,
) {
  if (!isObject(schema) || seen.has(schema)) return;
  seen.add(schema);
  const types = typesOf(schema);
  const isObjectSchema = types.includes('object') || isObject(schema.properties);
  if (isObjectSchema) {
    const extra = schema.additionalProperties;
    const named = isObject(schema.properties) && Object.keys(schema.properties).length > 0;
    const isMap = isObject(extra) && Object.keys(extra).length > 0;
    if (extra === true || (isObject(extra) && !isMap) || (!named && !isMap && !inAllOf))
      findings.openObjects.push(where);
  }
  if (name !== undefined && (types.includes('string') || (types.length === 0 && !schema.$ref && !schema.anyOf))) {
    const closed = schema.enum !== undefined || schema.const !== undefined || schema.pattern !== undefined;
    for (const [pattern, formats] of FORMATS)
      if (pattern.test(name) && !formats.includes(String(schema.format)) && !closed && !schema['x-external-id'])
        findings.missingFormats.push(`${where} (${formats.join('|')})`);
    if (ENUMERATED.test(name) && !closed) findings.missingEnums.push(where);
  }
  if (name !== undefined && types.includes('array') && isObject(schema.items)) {
    walkSchema(schema.items, `${where}[]`, name, findings, seen);
  } else if (isObject(schema.items)) walkSchema(schema.items, `${where}[]`, undefined, findings, seen);
  if (isObject(schema.properties))
    for (const [key, value] of Object.entries(schema.properties))
      walkSchema(value, `${where}.${key}`, key, findings, seen);
  if (isObject(schema.additionalProperties))
    walkSchema(schema.additionalProperties, `${where}{}`, undefined, findings, seen);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const)
    if (Array.isArray(schema[key]))
      (schema[key] as unknown[]).forEach((item, i) =>
        walkSchema(item, `${where}|${i}`, name, findings, seen, key === 'allOf'),
      );
}

/** The general error statuses an operation must document, from what it takes. */
export function expectedStatuses(path: string, method: string, operation: Operation): string[] {
  const statuses = ['406', 'default'];
  const parameters = operation.parameters ?? [];
  if (path.startsWith('/v1/')) statuses.push('429');
  if ((operation.security ?? []).some((requirement) => Object.keys(requirement).length > 0))
    statuses.push('401', '403');
  if (operation.requestBody) statuses.push('400', '413', '415', '422');
  if (parameters.some((p) => p.in === 'path')) statuses.push('404');
  if (parameters.some((p) => p.in === 'query')) statuses.push('422');
  if (parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match')) statuses.push('412');
  if (method === 'post' && parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'))
    statuses.push('409');
  return [...new Set(statuses)];
}

/** The document itself: its paths and components are maps of any JSON, checked by an OpenAPI validator instead. */
export const SELF = '/openapi.json';

export function audit(document: Document): Findings {
  const findings: Findings = { openObjects: [], missingFormats: [], missingEnums: [], missingStatuses: [] };
  const seen = new Set<unknown>();
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {}))
    walkSchema(schema, `#/components/schemas/${name}`, undefined, findings, seen);
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const where = `${method} ${path}`;
      if (path === SELF) {
        const missing = expectedStatuses(path, method, operation).filter((s) => !(s in (operation.responses ?? {})));
        if (missing.length > 0) findings.missingStatuses.push(`${where}: ${missing.join(', ')}`);
        continue;
      }
      for (const parameter of operation.parameters ?? [])
        walkSchema(parameter.schema, `${where} ${parameter.in} ${parameter.name}`, parameter.name, findings, seen);
      const body = operation.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined;
      for (const [type, media] of Object.entries(body?.content ?? {}))
        walkSchema(media.schema, `${where} body ${type}`, undefined, findings, seen);
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const content = (response as { content?: Record<string, { schema?: unknown }> }).content ?? {};
        for (const [type, media] of Object.entries(content))
          walkSchema(media.schema, `${where} ${status} ${type}`, undefined, findings, seen);
      }
      const missing = expectedStatuses(path, method, operation).filter((s) => !(s in (operation.responses ?? {})));
      if (missing.length > 0) findings.missingStatuses.push(`${where}: ${missing.join(', ')}`);
    }
  }
  return findings;
}
