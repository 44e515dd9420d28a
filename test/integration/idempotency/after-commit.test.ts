import { randomUUID } from 'node:crypto';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTag } from '../../../src/commands/giving/contacts/companies.js';
import { commandContext } from '../../../src/http/auth/command-context.js';
import { jsonBody } from '../../../src/http/conventions/body.js';
import { sendResource } from '../../../src/http/conventions/envelope.js';
import { errorHandler } from '../../../src/http/errors.js';
import { idempotency } from '../../../src/http/idempotency/middleware.js';
import { requestId } from '../../../src/http/request-id.js';
import { systemClock } from '../../../src/platform/clock.js';
import { createLogger } from '../../../src/platform/logger.js';
import { listen, type Listening } from '../../support/app.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';

/**
 * A creating route whose command commits and whose answer then fails (a read
 * model or a presenter that throws): the 500 releases the key, and the retry
 * must find the first attempt's resource instead of making a second.
 */
describe('a request that fails after its events committed', () => {
  let infra: TestInfra;
  let server: Listening;
  const failNext = new Set<string>();

  beforeAll(async () => {
    infra = await openTestInfra();
    const app = express();
    app.use(requestId, jsonBody());
    app.use((req, res, next) => {
      res.locals.programId = req.get('X-Test-Program');
      next();
    });
    app.post('/v1/tags', idempotency({ knex: infra.knex }), async (req, res) => {
      const { name } = req.body as { name: string };
      const created = await createTag({ store: infra.store, clock: systemClock }, name, commandContext(req, res));
      if (failNext.delete(name)) throw new Error('the read model is unreachable');
      sendResource(res, { id: created.id, name }, created.version ?? 0n, 201);
    });
    app.use(errorHandler(createLogger('silent')));
    server = await listen(app);
  });
  afterAll(async () => {
    await server?.close();
    await infra?.close();
  });

  const post = (program: string, key: string, name: string) =>
    fetch(`${server.baseUrl}/v1/tags`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, 'X-Test-Program': program },
      body: JSON.stringify({ name }),
    });
  const tagsCreated = async (program: string): Promise<string[]> =>
    (
      await infra
        .knex('gs_events')
        .where({ type: 'TagCreated' })
        .whereRaw(`data->>'programId' = ?`, [program])
        .select<{ data: { tagId: string } }[]>('data')
    ).map((r) => r.data.tagId);

  it('when the answer fails with a 500 after the append, then the retry with the same key answers 201 with the same resource, created once', async () => {
    const program = randomUUID();
    failNext.add('Mécène');
    const failed = await post(program, 'key-1', 'Mécène');
    expect(failed.status).toBe(500);
    const [first] = await tagsCreated(program);
    expect(first).toBeDefined();

    const retried = await post(program, 'key-1', 'Mécène');
    expect(retried.status).toBe(201);
    expect(((await retried.json()) as { data: { id: string } }).data.id).toBe(first);
    expect(await tagsCreated(program)).toEqual([first]);

    // And the stored answer is replayed from then on.
    const replayed = await post(program, 'key-1', 'Mécène');
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(await tagsCreated(program)).toEqual([first]);
  });

  it('when another key or no key comes with the same body, then it is another request: a second resource', async () => {
    const program = randomUUID();
    expect((await post(program, 'key-a', 'Donateur')).status).toBe(201);
    expect((await post(program, 'key-b', 'Donateur')).status).toBe(201);
    expect(await tagsCreated(program)).toHaveLength(2);
  });
});
