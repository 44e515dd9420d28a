/**
 * The test's copy of the document is stricter than the document: every object that names its properties refuses
 * unnamed ones (`unevaluatedProperties: false`, which sees through `allOf`), unless it is a real map. The served
 * document stays open to additive change; the tests are not.
 */

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

function resolve(document: Node, ref: string): Node {
  let target: unknown = document;
  for (const part of ref.slice(2).split('/')) target = (target as Node)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (!isNode(target)) throw new Error(`the document has no ${ref}`);
  return target;
}

const isMap = (extra: unknown) => isNode(extra) && Object.keys(extra).length > 0;

/** `loose`: the schema is one part of an `allOf`, whose parent refuses what no part names. */
function tighten(document: Node, schema: unknown, loose: boolean): void {
  if (Array.isArray(schema)) {
    for (const item of schema) tighten(document, item, false);
    return;
  }
  if (!isNode(schema)) return;
  if (Array.isArray(schema.allOf)) {
    schema.allOf = (schema.allOf as unknown[]).map((part) => {
      const inlined =
        isNode(part) && typeof part.$ref === 'string' ? structuredClone(resolve(document, part.$ref)) : part;
      tighten(document, inlined, true);
      return inlined;
    });
    if (!loose) schema.unevaluatedProperties = false;
  }
  const named = isNode(schema.properties);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if ((named || types.includes('object')) && !isMap(schema.additionalProperties)) {
    delete schema.additionalProperties;
    if (!loose) schema.unevaluatedProperties = false;
  }
  if (named) for (const property of Object.values(schema.properties as Node)) tighten(document, property, false);
  for (const key of ['items', 'additionalProperties', 'not']) tighten(document, schema[key], false);
  for (const key of ['anyOf', 'oneOf', 'prefixItems']) tighten(document, schema[key], false);
}

/** A deep copy of the document whose every schema refuses unnamed properties. */
export function strictCopy<T extends object>(document: T): T {
  const copy = structuredClone(document) as unknown as Node;
  const walk = (node: unknown, inSchema: boolean): void => {
    if (!isNode(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'schema' && !inSchema) tighten(copy, value, false);
      else if (key === 'example' || key === 'examples') continue;
      else walk(value, inSchema);
    }
  };
  // The document itself is any JSON under its named keys: an OpenAPI validator checks it, not this copy.
  if (isNode(copy.paths)) delete copy.paths['/openapi.json'];
  walk(copy.paths, false);
  const components = isNode(copy.components) && isNode(copy.components.schemas) ? copy.components.schemas : {};
  for (const schema of Object.values(components)) tighten(copy, schema, false);
  return copy as unknown as T;
}
