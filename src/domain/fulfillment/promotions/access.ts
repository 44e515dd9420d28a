import { DomainError, notFound } from '../../shared/errors.js';
import type { PromotionEvent } from './events.js';
import type { CreatedPromotion } from './promotion.js';

/** Who may redeem: the promotion's tokens (digest → last 4 characters) and its allow-list of user ids. */
export type AccessCommand =
  | {
      readonly type: 'IssueTokens';
      readonly data: {
        readonly programId: string;
        readonly tokens: ReadonlyArray<{ readonly digest: string; readonly hint: string }>;
        readonly now: string;
      };
    }
  | {
      readonly type: 'AllowUsers';
      readonly data: { readonly programId: string; readonly userIds: readonly string[]; readonly now: string };
    }
  | {
      readonly type: 'DisallowUser';
      readonly data: { readonly programId: string; readonly userId: string; readonly now: string };
    };

/** Tokens the promotion already has (or that repeat in the request) answer 409, one detail per token by index. */
export function issueTokens(
  state: CreatedPromotion,
  data: Extract<AccessCommand, { type: 'IssueTokens' }>['data'],
): PromotionEvent[] {
  const seen = new Set<string>();
  const details = data.tokens.flatMap((token, index) => {
    const taken = token.digest in state.tokens || seen.has(token.digest);
    seen.add(token.digest);
    return taken ? [{ field: `tokens.${index}`, message: 'the promotion already has this token' }] : [];
  });
  if (details.length > 0)
    throw new DomainError('conflict_uniqueness', 'the promotion already has these tokens', details);
  const tokens = data.tokens.map((t) => ({ digest: t.digest, hint: t.hint }));
  return [{ type: 'PromotionTokensIssued', data: { promotionId: state.promotionId, tokens, issuedAt: data.now } }];
}

export function allowUsers(
  state: CreatedPromotion,
  data: Extract<AccessCommand, { type: 'AllowUsers' }>['data'],
): PromotionEvent[] {
  const userIds = [...new Set(data.userIds)].filter((id) => !state.allowedUsers.includes(id));
  if (userIds.length === 0) return [];
  return [{ type: 'PromotionUsersAllowed', data: { promotionId: state.promotionId, userIds, allowedAt: data.now } }];
}

export function disallowUser(
  state: CreatedPromotion,
  data: Extract<AccessCommand, { type: 'DisallowUser' }>['data'],
): PromotionEvent[] {
  if (!state.allowedUsers.includes(data.userId)) throw notFound('user on the allow-list');
  return [
    {
      type: 'PromotionUserDisallowed',
      data: { promotionId: state.promotionId, userId: data.userId, disallowedAt: data.now },
    },
  ];
}

/** The access part of the promotion's state moved on by one event; undefined: not an access event. */
export function evolveAccess(state: CreatedPromotion, event: PromotionEvent): CreatedPromotion | undefined {
  switch (event.type) {
    case 'PromotionTokensIssued':
      return {
        ...state,
        tokens: { ...state.tokens, ...Object.fromEntries(event.data.tokens.map((t) => [t.digest, t.hint])) },
      };
    case 'PromotionUsersAllowed':
      return { ...state, allowedUsers: [...state.allowedUsers, ...event.data.userIds] };
    case 'PromotionUserDisallowed':
      return { ...state, allowedUsers: state.allowedUsers.filter((id) => id !== event.data.userId) };
    default:
      return undefined;
  }
}
