import type { Logger } from './logger.js';
import type { PlatformKey } from './signing-key.js';

/**
 * Asks a program's validation end-point whether a member's external token is
 * theirs (seed 004, "validation end-point"): a GET with the token, our API key
 * and a signature over `x-access-token|Api-Key|Expires-at|` made with the
 * platform's private key. Any 2xx answer validates it.
 */
export function httpExternalTokenValidator(key: PlatformKey, logger: Logger, timeoutMs = 5000) {
  return {
    async validate(request: { url: string; apiKey: string; accessToken: string; customerExternalId: string }): Promise<boolean> {
      const expiresAt = String(Math.floor(Date.now() / 1000) + 60);
      try {
        const response = await fetch(request.url, {
          method: 'GET',
          headers: {
            'Expires-at': expiresAt,
            Signature: key.signParts([request.accessToken, request.apiKey, expiresAt]),
            'Signature-Key-Id': key.kid,
            'Content-Type': 'application/json',
            Accept: 'application/json',
            'x-access-token': request.accessToken,
            'Api-Key': request.apiKey,
            customerExternalId: request.customerExternalId,
          },
          redirect: 'error',
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.body?.cancel();
        return response.ok;
      } catch (error) {
        logger.warn({ url: request.url, err: (error as Error).message }, 'token validation end-point did not answer');
        return false;
      }
    },
  };
}
