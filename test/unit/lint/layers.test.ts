import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('../../..', import.meta.url));

// Only the import rule is under test: without the type-aware parser a planted file need not exist on disk.
const eslint = new ESLint({
  cwd,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
});

/** The restricted-import errors lint reports for `specifier` imported from the file at `filePath`. */
async function importErrors(filePath: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${specifier}';\nexport const y = x;\n`, { filePath });
  return result!.messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

const forbidden: ReadonlyArray<readonly [string, string]> = [
  ['src/domain/giving/planted.ts', '../../platform/db.js'],
  ['src/domain/giving/planted.ts', '../../commands/handle.js'],
  ['src/domain/giving/planted.ts', 'express'],
  ['src/platform/planted.ts', '../domain/giving/campaigns/events.js'],
  ['src/platform/planted.ts', '../commands/handle.js'],
  ['src/platform/planted.ts', '../projections/checkpoints.js'],
  ['src/platform/planted.ts', '../workers/index.js'],
  ['src/platform/planted.ts', '../http/errors.js'],
  ['src/platform/eventstore/planted.ts', '../../projections/projection.js'],
  ['src/commands/giving/planted.ts', '../../projections/tenancy/programs.js'],
  ['src/commands/giving/planted.ts', '../../workers/index.js'],
  ['src/commands/giving/planted.ts', '../../http/errors.js'],
  ['src/projections/giving/planted.ts', '../../workers/webhooks/queue.js'],
  ['src/projections/planted.ts', '../http/idempotency/migration.js'],
  ['src/workers/webhooks/planted.ts', '../../http/webhooks/schemas.js'],
  ['src/http/webhooks/planted.ts', '../../workers/webhooks/queue.js'],
  ['src/http/planted.ts', '../main.js'],
  ['src/workers/planted.ts', '../cli/context.js'],
  ['src/projections/planted.ts', '../cli.js'],
];

const allowed: ReadonlyArray<readonly [string, string]> = [
  ['src/domain/giving/planted.ts', '../shared/money.js'],
  ['src/domain/giving/planted.ts', 'zod'],
  ['src/platform/planted.ts', './db.js'],
  ['src/commands/giving/planted.ts', '../../domain/giving/campaigns/events.js'],
  ['src/commands/giving/planted.ts', '../../platform/db.js'],
  ['src/projections/giving/planted.ts', '../../commands/handle.js'],
  ['src/workers/planted.ts', '../projections/projection.js'],
  ['src/workers/planted.ts', '../commands/handle.js'],
  ['src/http/planted.ts', '../projections/projection.js'],
  ['src/http/planted.ts', '../commands/handle.js'],
  ['src/main.ts', './http/app.js'],
  ['src/main.ts', './workers/index.js'],
  ['src/cli/planted.ts', '../projections/checkpoints.js'],
  ['src/cli/planted.ts', '../workers/webhooks/queue.js'],
];

describe('the layer rules of lint', () => {
  it.each(forbidden)('when %s imports %s, then lint reports the upward import', async (filePath, specifier) => {
    expect(await importErrors(filePath, specifier)).toHaveLength(1);
  });

  it.each(allowed)('when %s imports %s, then lint reports nothing', async (filePath, specifier) => {
    expect(await importErrors(filePath, specifier)).toEqual([]);
  });
});
