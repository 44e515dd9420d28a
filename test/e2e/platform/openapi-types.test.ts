import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateTypes, TYPES_FILE } from '../../support/openapi/types.js';

describe('the committed client types', () => {
  it('are what openapi-typescript generates from the document today', async () => {
    const [committed, generated] = await Promise.all([readFile(TYPES_FILE, 'utf8'), generateTypes()]);
    expect(
      committed === generated,
      'test/support/openapi/api.d.ts differs from the document the routes make: run npm run openapi:types and commit it',
    ).toBe(true);
  }, 60_000);
});
