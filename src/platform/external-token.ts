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

/** What a validation end-point may answer that we read: more is cut (the answer names a customer, no more). */
export const MAX_ANSWER_BYTES = 64 * 1024;

export interface TokenCheck {
  readonly url: string;
  readonly apiKey: string;
  readonly accessToken: string;
  /** Sent as the `customerExternalId` header when known (getAccessToken); validateExternalToken has none. */
  readonly customerExternalId?: string | undefined;
}

/**
 * The end-point's verdict: `accepted` (a 2xx, with its JSON body when it sent one), `refused` (any other status), or
 * `unreachable` (no answer within the time, a refused connection, an address the SSRF guard forbids).
 */
export type TokenCheckAnswer =
  | { readonly outcome: 'accepted'; readonly status: number; readonly body: unknown }
  | { readonly outcome: 'refused'; readonly status: number }
  | { readonly outcome: 'unreachable'; readonly reason: string };

/**
 * A GET and its answer. The end-point is a URL a program chose, so it goes through the SSRF guard: an IP literal is
 * checked before connecting, a name at connect time. A redirect is not followed (a 3xx does not validate).
 */
function answerOf(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
  allowPrivate: boolean,
): Promise<{ status: number; text: string }> {
  const target = new URL(url);
  assertLiteralAllowed(target, allowPrivate);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      { method: 'GET', headers, timeout: timeoutMs, lookup: guardedLookup(allowPrivate) },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
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

const jsonOrUndefined = (text: string): unknown => {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Asks a program's validation end-point whether an access token is theirs (seed 004, getAccessToken): a GET with the
 * token, the program's API key and a signature over `x-access-token|Api-Key|Expires-at|` made with the platform's
 * private key (base64 RSA-SHA256, verifiable with the published public key), within `timeoutMs` (5 s).
 */
export async function checkExternalToken(
  key: PlatformKey,
  check: TokenCheck,
  { timeoutMs = 5000, allowPrivate = false }: ExternalTokenOptions = {},
  now: () => number = Date.now,
): Promise<TokenCheckAnswer> {
  const expiresAt = String(Math.floor(now() / 1000) + 60);
  const headers: Record<string, string> = {
    'Expires-at': expiresAt,
    Signature: key.signParts([check.accessToken, check.apiKey, expiresAt]),
    'Signature-Key-Id': key.kid,
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'x-access-token': check.accessToken,
    'Api-Key': check.apiKey,
    ...(check.customerExternalId === undefined ? {} : { customerExternalId: check.customerExternalId }),
  };
  try {
    const { status, text } = await answerOf(check.url, headers, timeoutMs, allowPrivate);
    if (status >= 200 && status < 300) return { outcome: 'accepted', status, body: jsonOrUndefined(text) };
    return { outcome: 'refused', status };
  } catch (error) {
    return { outcome: 'unreachable', reason: (error as Error).message };
  }
}

/** The members' sign-in by external token: any 2xx validates it; no answer is a refusal (and a warning). */
export function httpExternalTokenValidator(key: PlatformKey, logger: Logger, options: ExternalTokenOptions = {}) {
  return {
    async validate(request: {
      url: string;
      apiKey: string;
      accessToken: string;
      customerExternalId: string;
    }): Promise<boolean> {
      const answer = await checkExternalToken(key, request, options);
      if (answer.outcome === 'unreachable')
        logger.warn({ url: request.url, err: answer.reason }, 'token validation end-point did not answer');
      return answer.outcome === 'accepted';
    },
  };
}
