import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { buildDocument } from './document.js';
import { strictCopy } from './strict.js';

/**
 * Checks an answer of the API against its operation in the OpenAPI document: the status is one the operation
 * documents, and the body matches the documented schema, with no property the schema does not name. Every e2e request
 * of test/support's clients goes through it, so a route that drifts from its document fails its own tests.
 */

type Response = { $ref?: string; content?: Record<string, { schema?: unknown }> };
type Responses = Record<string, Response>;
interface Operation {
  readonly template: string;
  readonly pattern: RegExp;
  readonly params: number;
  readonly methods: Record<string, { responses?: Responses }>;
}
interface Checker {
  readonly document: { components?: { responses?: Record<string, Response> } };
  readonly operations: readonly Operation[];
  readonly ajv: Ajv2020;
  readonly compiled: Map<string, ValidateFunction>;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const DOCUMENT_KEY = 'openapi.json';
let checker: Checker | undefined;

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function load(): Checker {
  const document = strictCopy(buildDocument()) as unknown as {
    paths: Record<string, Operation['methods']>;
    components?: { responses?: Record<string, Response> };
  };
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  // The components alone are the shared schema; each response schema is compiled on its own, its refs pointed there
  // (compiling a pointer into the whole document would walk all of it each time).
  ajv.addSchema({ components: document.components }, DOCUMENT_KEY);
  const operations = Object.entries(document.paths).map(([template, methods]) => ({
    template,
    methods,
    params: (template.match(/\{/g) ?? []).length,
    pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`),
  }));
  // A literal segment wins over a parameter: /v1/members/exists before /v1/members/{id}.
  operations.sort((a, b) => a.params - b.params);
  return { document, operations, ajv, compiled: new Map() };
}

/** A response, or the shared one its `$ref` names (`#/components/responses/ServiceUnavailable`). */
function responseOf(c: Checker, response: Response | undefined): Response | undefined {
  const name = response?.$ref?.replace('#/components/responses/', '');
  return name === undefined ? response : c.document.components?.responses?.[name];
}

/** The documented operation of a method and path, if any. */
function operationOf(c: Checker, method: string, path: string) {
  const bare = decodeURI(path.split('?')[0] ?? path).replace(/\/$/, '') || '/';
  for (const operation of c.operations) {
    if (!operation.pattern.test(bare)) continue;
    const found = operation.methods[method.toLowerCase()];
    if (found) return { template: operation.template, operation: found };
  }
  return undefined;
}

export interface CheckedAnswer {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly contentType: string | null;
  readonly text: string;
}

/** Throws, naming the operation, the status and ajv's errors, when the answer is not what the document says. */
export function checkAnswer(answer: CheckedAnswer): void {
  checker ??= load();
  const c = checker;
  const method = answer.method.toLowerCase();
  if (method === 'head' || method === 'options') return;
  let found;
  try {
    found = operationOf(c, method, answer.path);
  } catch {
    return; // a path that does not decode is answered before any route: no operation to hold it to
  }
  if (!found) return; // no documented operation: the 404/405 of an unknown route
  const where = `${method.toUpperCase()} ${found.template} answered ${answer.status}`;
  const responses = found.operation.responses ?? {};
  const status = String(answer.status);
  if (!(status in responses))
    throw new Error(
      `${where}, a status its OpenAPI operation does not document (${Object.keys(responses).join(', ')})`,
    );
  const content = responseOf(c, responses[status])?.content ?? {};
  const mediaType = (answer.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (Object.keys(content).length === 0) {
    if (answer.text !== '') throw new Error(`${where} with a body, where the document says none`);
    return;
  }
  if (!(mediaType in content))
    throw new Error(`${where} as ${mediaType || 'no media type'}, not ${Object.keys(content).join(' or ')}`);
  if (mediaType !== 'application/json' || content[mediaType]?.schema === undefined) return;
  const shared = responses[status]?.$ref?.replace('#/components/responses/', '');
  const at =
    shared === undefined ? ['paths', found.template, method, 'responses', status] : ['components', 'responses', shared];
  const ref = pointer(...at, 'content', mediaType, 'schema');
  let validate = c.compiled.get(ref);
  if (!validate) {
    const schema = content[mediaType]?.schema;
    validate = c.ajv.compile(
      JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${DOCUMENT_KEY}#/components/`)) as object,
    );
    c.compiled.set(ref, validate);
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    throw new Error(`${where} with a body that is not JSON: ${answer.text.slice(0, 200)}`);
  }
  if (!validate(body))
    throw new Error(
      `${where} with a body its OpenAPI schema refuses:\n${JSON.stringify(validate.errors, null, 2)}\nbody: ${answer.text.slice(0, 2000)}`,
    );
}
