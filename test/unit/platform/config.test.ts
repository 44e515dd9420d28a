import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/platform/config.js';

describe('configuration', () => {
  it('when nothing is set, then it runs on the local PostgreSQL and Redis, port 3000, the PostgreSQL event store', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/goodstream',
      REDIS_URL: 'redis://127.0.0.1:6379',
      PORT: 3000,
      ROLES: ['all'],
    });
    expect(config.EVENTSTORE_URL).toBeUndefined();
  });

  it('when several variables are bad, then one error names each of them on its own line', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x/y', ROLES: 'api,cook', EVENTSTORE_URL: 'http://esdb' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'EVENTSTORE_URL', 'PORT', 'ROLES.1']);
    expect((caught as ConfigError).message.split('\n')).toHaveLength(5);
  });

  it('takes roles as a comma-separated list and an EventStoreDB connection string', () => {
    const config = loadConfig({ ROLES: 'api, projector', EVENTSTORE_URL: 'esdb://localhost:2113?tls=false' });
    expect(config.ROLES).toEqual(['api', 'projector']);
    expect(config.EVENTSTORE_URL).toBe('esdb://localhost:2113?tls=false');
  });

  it('when a retry schedule or a 32-byte key is bad, then the error names each field; good ones are read', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = loadConfig({ WEBHOOK_RETRY_SCHEDULE: '0,10m', SECRETS_KEY: key, FULFILLMENT_DATA_KEY: key });
    expect(config.WEBHOOK_RETRY_SCHEDULE).toEqual([0, 600_000]);
    expect(config.SECRETS_KEY).toBe(key);
    let caught: unknown;
    try {
      loadConfig({ WEBHOOK_RETRY_SCHEDULE: 'soon', SECRETS_KEY: 'c2hvcnQ=', FULFILLMENT_DATA_KEY: 'c2hvcnQ=' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const fields = (caught as ConfigError).problems.map((p) => p.split(':')[0]).sort();
    expect(fields).toEqual(['FULFILLMENT_DATA_KEY', 'SECRETS_KEY', 'WEBHOOK_RETRY_SCHEDULE']);
  });
});
