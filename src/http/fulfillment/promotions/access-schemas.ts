import { z } from 'zod';
import { USER_ID_PATTERN } from '../orders/schemas.js';
import { wrapped } from '../common.js';

const token = z.string().min(6, '6–64 characters').max(64, '6–64 characters');

/** `{"data": {"count": n}}` issues n generated tokens; `{"data": {"tokens": [...]}}` imports them. */
export const issueTokensBody = wrapped(
  z
    .strictObject({
      count: z.number().int().min(1).max(1000).optional(),
      tokens: z.array(token).min(1).max(1000).optional(),
    })
    .refine((d) => (d.count === undefined) !== (d.tokens === undefined), {
      message: 'either count or tokens',
      path: ['count'],
    }),
);

export const revokeTokensBody = wrapped(
  z.strictObject({ tokens: z.array(z.string().min(1).max(64)).min(1).max(1000) }),
);

const userId = z.string().regex(USER_ID_PATTERN, '1–100 characters A-Z, a-z, 0-9 or ._:@+-');
export const allowUsersBody = wrapped(z.strictObject({ user_ids: z.array(userId).min(1).max(1000) }));
