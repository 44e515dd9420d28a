import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const JOURNEY_PROJECT = new URL('../../support/openapi/tsconfig.journey.json', import.meta.url).pathname;

describe('the generated client types', () => {
  it('type the generated-client journey: it typechecks against the types generated from the document today', async () => {
    // The global setup wrote the types from the routes as they are; a route whose answer or body changed under the
    // journey makes tsc fail here.
    const result = await run('npx', ['tsc', '--noEmit', '-p', JOURNEY_PROJECT]).then(
      () => ({ code: 0, output: '' }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code ?? 1, output: error.stdout ?? '' }),
    );
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  }, 120_000);
});
