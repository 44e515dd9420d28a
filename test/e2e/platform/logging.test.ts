import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type Running } from '../../../src/main.js';
import { loadConfig } from '../../../src/platform/config.js';
import { createLogger } from '../../../src/platform/logger.js';
import { createTestDatabase } from '../../support/db.js';

describe('request logs', () => {
  const lines: string[] = [];
  let running: Running;
  let base: string;
  beforeAll(async () => {
    const config = loadConfig({
      DATABASE_URL: await createTestDatabase(),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ADMIN_TOKEN: 'admin-token-for-logging-test',
    });
    running = await start(config, createLogger('info', { write: (line: string) => void lines.push(line) }));
    const address = running.server!.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await running.stop();
  });

  it('carry the request id and never a secret, token or password', async () => {
    const secrets = [
      'sk_very-secret-value',
      'member-token-value',
      'my password 123',
      'admin-token-for-logging-test',
      'external-token-value',
    ];
    await fetch(`${base}/v1/members/exists?email=someone@example.org`, {
      headers: {
        'X-Request-Id': 'log-test-1',
        'Api-Key': 'pk_whatever',
        'Api-Secret': secrets[0]!,
        'X-User-Token': secrets[1]!,
        password: secrets[2]!,
        Authorization: `Bearer ${secrets[3]}`,
        'x-access-token': secrets[4]!,
      },
    });
    const mine = lines
      .map((l) => JSON.parse(l) as { req?: { id?: string; path?: string; headers?: Record<string, string> } })
      .find((l) => l.req?.id === 'log-test-1');
    expect(mine?.req?.path).toBe('/v1/members/exists');
    expect(mine?.req?.headers?.['api-secret']).toBe('[redacted]');
    const all = lines.join('\n');
    for (const secret of secrets) expect(all).not.toContain(secret);
    expect(all).not.toContain('someone@example.org');
  });
});
