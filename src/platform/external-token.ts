import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Logger } from './logger.js';
import type { PlatformKey } from './signing-key.js';
import { assertLiteralAllowed, guardedLookup } from './url-guard.js';

export interface ExternalTokenOptions {
  readonly timeoutMs?: number;
  /** WEBHOOK_ALLOW_PRIVATE: call end-points on private and loopback addresses (development, tests). */
  readonly allowPrivate?: boolean;
}

/**
 * A GET whose status is the answer. The end-point is a URL a program chose, so
 * it goes through the SSRF guard: an IP literal is checked before connecting,
 * a name at connect time. A redirect is not followed (a 3xx does not validate).
 */
function statusOf(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
  allowPrivate: boolean,
): Promise<number> {
  const target = new URL(url);
  assertLiteralAllowed(target, allowPrivate);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      { method: 'GET', headers, timeout: timeoutMs, lookup: guardedLookup(allowPrivate) },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Asks a program's validation end-point whether a member's external token is
 * theirs (seed 004, "validation end-point"): a GET with the token, our API key
 * and a signature over `x-access-token|Api-Key|Expires-at|` made with the
 * platform's private key. Any 2xx answer validates it.
 */
export function httpExternalTokenValidator(key: PlatformKey, logger: Logger, options: ExternalTokenOptions = {}) {
  const { timeoutMs = 5000, allowPrivate = false } = options;
  return {
    async validate(request: {
      url: string;
      apiKey: string;
      accessToken: string;
      customerExternalId: string;
    }): Promise<boolean> {
      const expiresAt = String(Math.floor(Date.now() / 1000) + 60);
      const headers = {
        'Expires-at': expiresAt,
        Signature: key.signParts([request.accessToken, request.apiKey, expiresAt]),
        'Signature-Key-Id': key.kid,
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'x-access-token': request.accessToken,
        'Api-Key': request.apiKey,
        customerExternalId: request.customerExternalId,
      };
      try {
        const status = await statusOf(request.url, headers, timeoutMs, allowPrivate);
        return status >= 200 && status < 300;
      } catch (error) {
        logger.warn(
          { url: request.url, err: (error as Error).message },
          'token validation end-point did not answer or was refused',
        );
        return false;
      }
    },
  };
}
