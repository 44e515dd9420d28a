import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Paths that may carry a secret; pino replaces them before a line is written. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["api-secret"]',
  'req.headers["x-user-token"]',
  'req.headers["x-access-token"]',
  'req.headers.access_token',
  'req.headers.password',
  'req.headers.signature',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.api_secret',
  '*.apiSecret',
  '*.token',
  '*.secret',
  '*.authentication_token',
  '*.access_token',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}
