import { errorResponses, json, listOf, PROGRAM_SECURITY, registry, z } from '../../openapi/registry.js';
import { pagingQuery } from '../paging.js';
import { allowUsersBody, issueTokensBody, revokeTokensBody } from './access-schemas.js';

const tags = ['Promotions'];
const ID = '0b6f3c1e-2a4d-4e5f-9a7b-8c9d0e1f2a3b';
const params = z.object({ id: z.string().uuid().openapi({ example: ID }) });
const userId = z
  .string()
  .max(100)
  .openapi({ description: "the program's own user id", 'x-external-id': true, example: 'L987' });
const created = z.string().datetime();
const tokenItem = z.object({
  token_hint: z.string().openapi({ description: 'the last 4 characters', example: 'K7QZ' }),
  status: z.enum(['available', 'redeemed', 'revoked']),
  created_datetime: created,
});
const userItem = z.object({ user_id: userId, created_datetime: created });
const at = '2026-11-22T10:00:00.000Z';
const paging = { page: 1, per_page: 20, total: 1 };

/** Documents a promotion's tokens and allow-list. */
export function documentAccess(): void {
  const base = '/v1/promotions/{id}';
  registry.registerPath({
    method: 'get',
    path: `${base}/tokens`,
    tags,
    summary: "The promotion's tokens by their last 4 characters, with their status",
    security: PROGRAM_SECURITY,
    request: { params, query: z.object(pagingQuery) },
    responses: {
      200: json(listOf(tokenItem), {
        data: [{ token_hint: 'K7QZ', status: 'available', created_datetime: at }],
        paging,
      }),
      ...errorResponses(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/tokens`,
    tags,
    summary:
      'Issue {count} generated tokens (≤ 1000) or import {tokens} (≤ 1000, 6–64 characters); they are answered once and kept as digests. A token the promotion already has: 409 conflict_uniqueness',
    security: PROGRAM_SECURITY,
    request: { params, body: json(issueTokensBody, { data: { count: 2 } }) },
    responses: {
      201: json(z.object({ data: z.object({ tokens: z.array(z.string()) }) }), {
        data: { tokens: ['K3M9QX7LPT2WZ8RA', 'H4N6VB2JCD9XEF7K'] },
      }),
      ...errorResponses(401, 403, 404, 409, 422),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/tokens/revoke`,
    tags,
    summary: 'Available tokens become revoked; unknown, redeemed or revoked ones are left as they are',
    security: PROGRAM_SECURITY,
    request: { params, body: json(revokeTokensBody, { data: { tokens: ['K3M9QX7LPT2WZ8RA'] } }) },
    responses: {
      200: json(z.object({ data: z.object({ revoked: z.number().int().min(0) }) }), { data: { revoked: 1 } }),
      ...errorResponses(401, 403, 404, 422),
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/users`,
    tags,
    summary: 'The allow-list of user ids for user_id authentication (empty: any well-formed id)',
    security: PROGRAM_SECURITY,
    request: { params, query: z.object(pagingQuery) },
    responses: {
      200: json(listOf(userItem), { data: [{ user_id: 'L987', created_datetime: at }], paging }),
      ...errorResponses(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/users`,
    tags,
    summary: 'Add user ids to the allow-list; answers the whole list',
    security: PROGRAM_SECURITY,
    request: { params, body: json(allowUsersBody, { data: { user_ids: ['L987', 'L988'] } }) },
    responses: {
      200: json(z.object({ data: z.object({ user_ids: z.array(userId) }) }), { data: { user_ids: ['L987', 'L988'] } }),
      ...errorResponses(401, 403, 404, 422),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: `${base}/users/{user_id}`,
    tags,
    summary: 'Remove a user id from the allow-list; one not on it answers 404',
    security: PROGRAM_SECURITY,
    request: { params: params.extend({ user_id: userId }) },
    responses: { 204: { description: 'removed' }, ...errorResponses(401, 403, 404) },
  });
}
