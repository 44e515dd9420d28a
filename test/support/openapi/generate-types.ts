/**
 * `npm run openapi:types`: regenerates test/support/openapi/api.d.ts, the client types of the document the app serves
 * (built in this process from src/contexts.ts, as the app builds it). A test fails while the committed file differs.
 */
import { writeFile } from 'node:fs/promises';
import { generateTypes, TYPES_FILE } from './types.js';

await writeFile(TYPES_FILE, await generateTypes());
console.log(`wrote ${TYPES_FILE.pathname}`);
process.exit(0);
