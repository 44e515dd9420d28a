/**
 * `npm run openapi:types`: writes test/support/openapi/api.d.ts, the client types of the document the app serves (built
 * in this process from src/contexts.ts, as the app builds it). Generated, never committed: typecheck and lint run it
 * first, the tests' global setup too, so the types cannot drift from the routes.
 */
import { writeFile } from 'node:fs/promises';
import { generateTypes, TYPES_FILE } from './types.js';

await writeFile(TYPES_FILE, await generateTypes());
process.exit(0);
