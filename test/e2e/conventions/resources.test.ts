import { Writable } from 'node:stream';
import express from 'express';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonBody } from '../../../src/http/conventions/body.js';
import { sendList, sendResource } from '../../../src/http/conventions/envelope.js';
import { methodNotAllowed } from '../../../src/http/conventions/method-not-allowed.js';
import { contentNegotiation } from '../../../src/http/conventions/negotiation.js';
import { assertSortingLimit, parseListQuery } from '../../../src/http/conventions/pagination.js';
import { assertPrecondition, expectedVersion } from '../../../src/http/conventions/versioning.js';
import { errorHandler, notFoundHandler } from '../../../src/http/errors.js';
import { requestId } from '../../../src/http/request-id.js';
import { createKnex } from '../../../src/platform/db.js';
import { createLogger } from '../../../src/platform/logger.js';
import { listen, type Listening } from '../../support/app.js';
import { createTestDatabase } from '../../support/db.js';

/** Resource routes built from the convention helpers, on a real PostgreSQL and a real HTTP server. */
let knex: Knex;
let server: Listening;
const logLines: string[] = [];

const patchSchema = z.object({ name: z.string().min(1).max(50) });

function buildApp(): express.Express {
  const app = express();
  app.use(requestId, contentNegotiation(), jsonBody());
  app.get('/v1/widgets', async (req, res) => {
    const query = parseListQuery(req.query, ['name', 'created_at']);
    const group = typeof req.query.group === 'string' ? req.query.group : 'small';
    const [{ count }] = (await knex('test_widgets').where({ grp: group }).count('* as count')) as [{ count: string }];
    assertSortingLimit(query, Number(count));
    let rows = knex('test_widgets')
      .where({ grp: group })
      .select('id', 'name')
      .limit(query.per_page)
      .offset(query.offset);
    for (const key of query.sort) rows = rows.orderBy(key.field === 'created_at' ? 'id' : key.field, key.direction);
    if (query.sort.length === 0) rows = rows.orderBy('id');
    sendList(res, await rows, { page: query.page, per_page: query.per_page, total: Number(count) });
  });
  app.get('/v1/widgets/:id', async (req, res) => {
    const row = await knex('test_widgets')
      .where({ id: Number(req.params.id) })
      .first<{ id: number; name: string; version: string } | undefined>();
    if (!row) return notFoundHandler(req, res, () => undefined);
    sendResource(res, { id: row.id, name: row.name }, BigInt(row.version));
  });
  app.patch('/v1/widgets/:id', async (req, res) => {
    const expected = expectedVersion(req);
    const input = patchSchema.parse(req.body);
    const row = await knex.transaction(async (trx) => {
      const current = await trx('test_widgets')
        .where({ id: Number(req.params.id) })
        .forUpdate()
        .first<{ version: string }>();
      assertPrecondition(expected, BigInt(current.version));
      const [updated] = await trx<{ id: number; name: string; version: string }>('test_widgets')
        .where({ id: Number(req.params.id) })
        .update({ name: input.name, version: knex.raw<string>('version + 1') })
        .returning(['id', 'name', 'version']);
      return updated!;
    });
    sendResource(res, { id: row.id, name: row.name }, BigInt(row.version));
  });
  app.get('/v1/broken', async () => {
    await knex.raw("select secret_column from no_such_table where password = 'hunter2-secret'");
  });
  app.use(methodNotAllowed(app));
  app.use(notFoundHandler);
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (logLines.push(chunk.toString()), done()) });
  app.use(errorHandler(createLogger('error', sink)));
  return app;
}

beforeAll(async () => {
  knex = createKnex(await createTestDatabase());
  await knex.schema.createTable('test_widgets', (t) => {
    t.increments('id');
    t.text('grp').notNullable();
    t.text('name').notNullable();
    t.bigInteger('version').notNullable().defaultTo(3);
  });
  await knex.raw(
    `insert into test_widgets (grp, name) select 'small', 'w' || lpad(g::text, 2, '0') from generate_series(1, 45) g`,
  );
  await knex.raw(`insert into test_widgets (grp, name) select 'big', 'b' || g from generate_series(1, 5001) g`);
  server = await listen(buildApp());
});

afterAll(async () => {
  await server?.close();
  await knex?.destroy();
});

const url = (path: string): string => `${server.baseUrl}${path}`;

describe('lists', () => {
  it('when no paging is given, then page 1 of 20 with the total', async () => {
    const response = await fetch(url('/v1/widgets'));
    const body = (await response.json()) as { data: { name: string }[]; paging: unknown };
    expect(response.status).toBe(200);
    expect(body.paging).toEqual({ page: 1, per_page: 20, total: 45 });
    expect(body.data).toHaveLength(20);
    expect(body.data[0]!.name).toBe('w01');
  });

  it('when page 3 of 20 is asked, then the last 5 rows', async () => {
    const body = (await (await fetch(url('/v1/widgets?page=3&per_page=20'))).json()) as {
      data: { name: string }[];
      paging: unknown;
    };
    expect(body.paging).toEqual({ page: 3, per_page: 20, total: 45 });
    expect(body.data.map((w) => w.name)).toEqual(['w41', 'w42', 'w43', 'w44', 'w45']);
  });

  it('when a sort is asked, then rows come in that order', async () => {
    const body = (await (await fetch(url('/v1/widgets?per_page=2&sort=-name'))).json()) as { data: { name: string }[] };
    expect(body.data.map((w) => w.name)).toEqual(['w45', 'w44']);
  });

  it.each([
    ['page=0', 'page'],
    ['per_page=101', 'per_page'],
    ['per_page=0', 'per_page'],
    ['page=abc', 'page'],
    ['sort=password', 'sort'],
  ])('when the query has %s, then 422 invalid_request naming the field', async (query, field) => {
    const response = await fetch(url(`/v1/widgets?${query}`));
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error_name: string; details: { field: string }[] };
    expect(body.error_name).toBe('invalid_request');
    expect(body.details.map((d) => d.field)).toEqual([field]);
  });

  it('when a sort would cover more than 5000 rows, then 400 sorting_limit_exceeded', async () => {
    const response = await fetch(url('/v1/widgets?group=big&sort=name'));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error_name: 'sorting_limit_exceeded' });
    const unsorted = await fetch(url('/v1/widgets?group=big&per_page=100&page=51'));
    expect(unsorted.status).toBe(200);
    expect(((await unsorted.json()) as { data: unknown[] }).data).toHaveLength(1);
  });
});

describe('one resource, ETag and If-Match', () => {
  it('when a resource is read, then {data, version} with ETag "version"', async () => {
    const response = await fetch(url('/v1/widgets/1'));
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"3"');
    expect(await response.json()).toEqual({ data: { id: 1, name: 'w01' }, version: 3 });
  });

  it('when If-None-Match carries the current ETag, then 304', async () => {
    const response = await fetch(url('/v1/widgets/1'), {
      // fetch adds `Cache-Control: no-cache` to conditional requests unless told otherwise
      headers: { 'If-None-Match': '"3"', 'Cache-Control': 'max-age=0' },
    });
    expect(response.status).toBe(304);
  });

  it('when the resource does not exist, then 404', async () => {
    expect((await fetch(url('/v1/widgets/99999'))).status).toBe(404);
  });

  /** A widget of its own for each test that changes one, at version 3: no test sees another's change. */
  const newWidget = async (name = 'w-own'): Promise<number> => {
    const [row] = await knex('test_widgets').insert({ grp: 'own', name }).returning<Array<{ id: number }>>('id');
    return row!.id;
  };

  const patch = (id: number, body: unknown, ifMatch?: string): Promise<Response> =>
    fetch(url(`/v1/widgets/${id}`), {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', ...(ifMatch === undefined ? {} : { 'If-Match': ifMatch }) },
      body: JSON.stringify(body),
    });

  it.each([['"3"'], ['3'], ['W/"3"']])(
    'when If-Match is %s and current, then the update is applied and the version moves',
    async (ifMatch) => {
      const id = await newWidget();
      const response = await patch(id, { name: 'renamed' }, ifMatch);
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('"4"');
      expect(await response.json()).toEqual({ data: { id, name: 'renamed' }, version: 4 });
    },
  );

  it('when If-Match is stale, then 412 precondition_failed and nothing changes', async () => {
    const id = await newWidget('w05');
    const response = await patch(id, { name: 'lost update' }, '"2"');
    expect(response.status).toBe(412);
    expect(await response.json()).toMatchObject({ error_name: 'precondition_failed' });
    expect(await knex('test_widgets').where({ id }).first()).toMatchObject({ name: 'w05', version: '3' });
  });

  it('when If-Match is not a version, then 400 bad_request', async () => {
    const id = await newWidget();
    for (const bad of ['"abc"', 'W/3', '"3', '-1']) {
      const response = await patch(id, { name: 'x' }, bad);
      expect(response.status, bad).toBe(400);
      expect(await response.json()).toMatchObject({ error_name: 'bad_request', details: [{ field: 'If-Match' }] });
    }
  });

  it('when no If-Match is sent, then the update is unconditional', async () => {
    expect((await patch(await newWidget(), { name: 'blind' })).status).toBe(200);
  });

  it('when the body fails validation, then 422 invalid_request with one detail per field', async () => {
    const response = await patch(await newWidget(), { name: '' }, '"3"');
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error_name: 'invalid_request', details: [{ field: 'name' }] });
  });

  it('when the method is not served on the path, then 405 with Allow', async () => {
    const response = await fetch(url('/v1/widgets/1'), { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, PATCH, OPTIONS');
  });
});

describe('a 500', () => {
  it('when a route fails in SQL, then 500 internal_error with no stack, SQL or secret, and the error is logged', async () => {
    const response = await fetch(url('/v1/broken'), { headers: { 'X-Request-Id': 'broken-1' } });
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual({
      error_name: 'internal_error',
      error_message: expect.any(String) as string,
      details: [],
    });
    for (const leak of [
      'select',
      'no_such_table',
      'hunter2',
      'secret_column',
      'relation',
      ' at ',
      '.ts:',
      'node_modules',
    ]) {
      expect(text.toLowerCase()).not.toContain(leak);
    }
    const logged = logLines.find((line) => line.includes('broken-1'));
    expect(logged).toContain('no_such_table');
  });
});
