import { documentAllRoutes } from '../../../src/contexts.js';
import { generateDocument } from '../../../src/http/openapi/registry.js';

/** The document `/openapi.json` serves (without servers), built in this process from the one list of contexts. */
export function buildDocument(): ReturnType<typeof generateDocument> {
  documentAllRoutes();
  return generateDocument();
}
