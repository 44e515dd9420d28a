import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { programIdOf } from '../auth/authenticate.js';
import type { ApiContext } from '../context.js';
import { sendResource } from '../conventions/envelope.js';
import type { Position } from '../../platform/eventstore/types.js';
import { idParam, notFound } from './routes.js';

/** Finds a row of the program by id; another program's row is not found. */
export type FindOwn<Row> = (knex: Knex, programId: string, id: string) => Promise<Row | undefined>;

/** Finds the program's row by id, or answers 404 `<what> not found`. */
export const ownRow =
  <Row>(ctx: Pick<ApiContext, 'knex'>, find: FindOwn<Row>, what: string) =>
  async (res: Response, id: string): Promise<Row> => {
    const row = await find(ctx.knex, programIdOf(res.locals), id);
    if (!row) throw notFound(what);
    return row;
  };

/**
 * A program-only resource's rows as its routes read them: `of` finds one or answers 404 `<what> not found`; `send`
 * answers one as the read model holds it after a command (`fallback` if it is gone), presented, its version the ETag.
 */
export function ownRows<Row extends { readonly version: number }>(
  ctx: Pick<ApiContext, 'knex'>,
  find: FindOwn<Row>,
  what: string,
  present: (row: Row) => unknown,
) {
  const of = ownRow(ctx, find, what);
  const send = async (res: Response, id: string, fallback: Row, status = 200): Promise<void> => {
    const row = (await find(ctx.knex, programIdOf(res.locals), id)) ?? fallback;
    sendResource(res, present(row), row.version, status);
  };
  /** Answers a row just read, e.g. by `of`. */
  const sendRow = (res: Response, row: Row, status = 200): void => sendResource(res, present(row), row.version, status);
  return { of, send, sendRow };
}

/** What a command answered, as the routes after it need it. */
interface Written {
  readonly position: Position | undefined;
}

/**
 * `ownRows` with the answers of its routes, those after a command once the read model has applied its events
 * (`settled`): `get` the `:id` row; `sendWritten` the row `id` read again (404 if gone); `created` it with 201;
 * `changed` the row after a change (`current` if it is gone); `removed` 204.
 */
export function settledRows<Row extends { readonly id: string; readonly version: number }>(
  ctx: Pick<ApiContext, 'knex'>,
  find: FindOwn<Row>,
  what: string,
  present: (row: Row) => unknown,
  settled: (position: Position | undefined) => Promise<void>,
) {
  const rows = ownRows(ctx, find, what, present);
  const sendWritten = async (res: Response, id: string, result: Written, status = 200): Promise<void> => {
    await settled(result.position);
    rows.sendRow(res, await rows.of(res, id), status);
  };
  return {
    ...rows,
    get: async (req: Request, res: Response): Promise<void> => rows.sendRow(res, await rows.of(res, idParam(req))),
    sendWritten,
    created: (res: Response, result: Written & { readonly id: string }) => sendWritten(res, result.id, result, 201),
    changed: async (res: Response, current: Row, result: Written): Promise<void> => {
      await settled(result.position);
      await rows.send(res, current.id, current);
    },
    removed: async (res: Response, result: Written): Promise<void> => {
      await settled(result.position);
      res.status(204).end();
    },
  };
}
