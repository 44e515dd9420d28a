import { errorResponses, json, listOf, z } from '../../openapi/registry.js';
import { documentResource } from '../../shared/openapi-resource.js';
import { pagingQuery } from '../paging.js';
import { allowUsersBody, issueTokensBody, revokeTokensBody } from './access-schemas.js';

const ID = '0b6f3c1e-2a4d-4e5f-9a7b-8c9d0e1f2a3b';
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
  const access = documentResource({ path: '/v1/promotions', tags: ['Promotions'], id: ID });
  access.action(
    'get',
    '/tokens',
    "The promotion's tokens by their last 4 characters, with their status",
    { query: z.object(pagingQuery) },
    {
      200: json(listOf(tokenItem), {
        data: [{ token_hint: 'K7QZ', status: 'available', created_datetime: at }],
        paging,
      }),
      ...errorResponses(400, 401, 403, 404),
    },
  );
  access.action(
    'post',
    '/tokens',
    'Issue {count} generated tokens (≤ 1000) or import {tokens} (≤ 1000, 6–64 characters); they are answered once and kept as digests. A token the promotion already has: 409 conflict_uniqueness',
    { body: json(issueTokensBody, { data: { count: 2 } }) },
    {
      201: json(z.object({ data: z.object({ tokens: z.array(z.string()) }) }), {
        data: { tokens: ['K3M9QX7LPT2WZ8RA', 'H4N6VB2JCD9XEF7K'] },
      }),
      ...errorResponses(401, 403, 404, 409, 422),
    },
  );
  access.action(
    'post',
    '/tokens/revoke',
    'Available tokens become revoked; unknown, redeemed or revoked ones are left as they are',
    { body: json(revokeTokensBody, { data: { tokens: ['K3M9QX7LPT2WZ8RA'] } }) },
    {
      200: json(z.object({ data: z.object({ revoked: z.number().int().min(0) }) }), { data: { revoked: 1 } }),
      ...errorResponses(401, 403, 404, 422),
    },
  );
  access.action(
    'get',
    '/users',
    'The allow-list of user ids for user_id authentication (empty: any well-formed id)',
    { query: z.object(pagingQuery) },
    {
      200: json(listOf(userItem), { data: [{ user_id: 'L987', created_datetime: at }], paging }),
      ...errorResponses(400, 401, 403, 404),
    },
  );
  access.action(
    'post',
    '/users',
    'Add user ids to the allow-list; answers the whole list',
    { body: json(allowUsersBody, { data: { user_ids: ['L987', 'L988'] } }) },
    {
      200: json(z.object({ data: z.object({ user_ids: z.array(userId) }) }), { data: { user_ids: ['L987', 'L988'] } }),
      ...errorResponses(401, 403, 404, 422),
    },
  );
  access.action(
    'delete',
    '/users/{user_id}',
    'Remove a user id from the allow-list; one not on it answers 404',
    { params: access.idParam.extend({ user_id: userId }) },
    { 204: { description: 'removed' }, ...errorResponses(401, 403, 404) },
  );
}
