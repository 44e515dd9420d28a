import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { isFailedSmsStatus, recordSmsDelivery } from '../../../commands/hub/ports/messaging.js';
import { constantTimeEqual, sha256Hex } from '../../../platform/crypto.js';
import type { ApiContext } from '../../context.js';
import { HttpError } from '../../errors.js';

const count = z.number().int().min(0).max(1_000_000_000).optional();
/** seed 004's postSmsCallback (Brevo's transactional SMS webhook): `reference` is the provider's object of ids. */
export const smsCallbackBody = z.object({
  /** The provider's own word (Brevo: sent, delivered, hardBounce, softBounce, rejected, blacklisted…). */
  status: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z_ -]{0,49}$/, "a word of the provider's, such as delivered or hardBounce"),
  reference: z
    .union([z.string().max(200), z.record(z.string().max(50), z.string().max(200))])
    .optional()
    .meta({ description: 'our message reference, or an object whose values are references' }),
  bounce_type: z.string().max(50).optional(),
  description: z.string().max(500).optional(),
  number_sent: count,
  to: z.string().trim().max(30).optional(),
  sms_count: count,
  credits_used: z.number().min(0).max(1_000_000_000).optional(),
  remaining_credit: z.number().min(-1_000_000_000).max(1_000_000_000).optional(),
});

/**
 * The provider proves itself with the shared SMS_CALLBACK_SECRET, as a Basic password (how Brevo's webhooks carry
 * credentials) or an X-Sms-Callback-Secret header; compared as digests in constant time. Unset: no provider calls.
 */
function providerAuth(secret: string | undefined): RequestHandler {
  return (req, _res, next) => {
    const basic = /^Basic\s+(\S+)$/i.exec(req.get('Authorization') ?? '')?.[1];
    const fromBasic = basic === undefined ? undefined : Buffer.from(basic, 'base64').toString('utf8').split(':')[1];
    const given = req.get('X-Sms-Callback-Secret') ?? fromBasic;
    if (!secret || given === undefined || !constantTimeEqual(sha256Hex(given), sha256Hex(secret)))
      throw new HttpError('unauthorized', 'the SMS provider secret is missing or wrong', [], {
        'WWW-Authenticate': 'Basic realm="goodstream-sms-provider"',
      });
    next();
  };
}

/** The SMS provider's delivery report: a failed delivery lets the customer ask for a new code at once. */
export function smsCallbackRoutes(ctx: ApiContext): Router {
  const router = Router();
  router.post('/v1/hub/providers/sms/callback', providerAuth(ctx.config.SMS_CALLBACK_SECRET), async (req, res) => {
    const body = smsCallbackBody.parse(req.body);
    const references =
      body.reference === undefined
        ? []
        : typeof body.reference === 'string'
          ? [body.reference]
          : Object.values(body.reference);
    const digits = body.to?.replace(/\D/g, '');
    await recordSmsDelivery(ctx.knex, {
      references,
      ...(digits ? { recipient: `+${digits}` } : {}),
      failed: isFailedSmsStatus(body.status),
    });
    // A report about a message we do not know is answered alike: the provider has nothing to retry.
    res.status(204).end();
  });
  return router;
}
