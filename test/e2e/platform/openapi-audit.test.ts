import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { audit, type Findings } from '../../support/openapi/audit.js';

/*
 * Walks the served document and counts what would make a generated client loose: objects that admit unnamed
 * properties, ids and dates without their format, enumerated fields without their enum, operations without the general
 * error statuses. Every count is 0, for the routes of every context (the ones added later too).
 */
describe('the OpenAPI document is precise', () => {
  let app: TestApp;
  let findings: Findings;
  beforeAll(async () => {
    app = await startTestApp();
    findings = audit((await app.request('GET', '/openapi.json')).body as unknown as Parameters<typeof audit>[0]);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('has no object that admits unnamed properties, unless it is a map', () => {
    expect(findings.openObjects).toEqual([]);
  });

  it('gives every id its uuid format and every date its date or date-time format', () => {
    expect(findings.missingFormats).toEqual([]);
  });

  it('gives every enumerated field (statuses, methods, event names, sorts, currencies) its enum or pattern', () => {
    expect(findings.missingEnums).toEqual([]);
  });

  it('documents on every operation the general statuses its auth, method, body, path, If-Match and query imply', () => {
    expect(findings.missingStatuses).toEqual([]);
  });

  it('finds what it counts: an open object, an id without format and an operation without statuses', () => {
    const loose = audit({
      paths: {
        '/v1/things/{id}': {
          patch: {
            security: [{ apiKey: [] }],
            parameters: [{ name: 'id', in: 'path', schema: { type: 'string' } }],
            requestBody: {},
            responses: {
              200: {
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      properties: { id: { type: 'string' }, status: { type: 'string' } },
                      additionalProperties: {},
                    },
                  },
                },
              },
            },
          },
        },
      },
    });
    expect(loose.openObjects).toHaveLength(1);
    expect(loose.missingFormats).toEqual([
      'patch /v1/things/{id} path id (uuid)',
      'patch /v1/things/{id} 200 application/json.id (uuid)',
    ]);
    expect(loose.missingEnums).toEqual(['patch /v1/things/{id} 200 application/json.status']);
    expect(loose.missingStatuses).toEqual([
      'patch /v1/things/{id}: 406, default, 429, 401, 403, 400, 413, 415, 422, 404',
    ]);
  });
});
