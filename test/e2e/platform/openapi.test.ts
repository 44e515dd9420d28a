import { Validator } from '@seriousme/openapi-schema-validator';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';

interface RouteLayer {
  route?: { path: string | string[]; _methods(): string[] };
  handle?: { stack?: RouteLayer[] };
}

/** Every method + path the running app routes, as express 5 keeps them (routers mounted at the root). */
function routesOf(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: readonly RouteLayer[]): void => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          for (const method of layer.route._methods().map((m) => m.toLowerCase()))
            if (method !== 'head') found.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
        }
      } else if (Array.isArray(layer.handle?.stack)) walk(layer.handle.stack);
    }
  };
  walk((app.router as unknown as { stack: RouteLayer[] }).stack);
  return [...new Set(found)].sort();
}

type Operation = {
  responses?: Record<string, { content?: Record<string, { example?: unknown; examples?: unknown }> }>;
};

describe('the OpenAPI document', () => {
  let app: TestApp;
  let document: { openapi: string; paths: Record<string, Record<string, Operation>> };
  beforeAll(async () => {
    app = await startTestApp();
    document = (await app.request('GET', '/openapi.json')).body as typeof document;
  });
  afterAll(async () => {
    await app.stop();
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every route the app serves, with the same method', () => {
    const served = routesOf(app.running.app!);
    expect(served.length).toBeGreaterThan(10);
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(served.filter((route) => !documented.includes(route))).toEqual([]);
  });

  // The operations of the contexts as they stood before the hub and fulfillment: later contexts add theirs beside them.
  const committedOperations = [
    'delete /v1/companies/{id}',
    'delete /v1/contacts/{id}',
    'delete /v1/contacts/{id}/tags/{tag_id}',
    'delete /v1/donations/{id}',
    'delete /v1/recurring-plans/{id}',
    'delete /v1/sessions',
    'delete /v1/webhooks/{id}',
    'get /.well-known/jwks.json',
    'get /docs',
    'get /health',
    'get /info',
    'get /metrics',
    'get /openapi.json',
    'get /v1/business-categories',
    'get /v1/businesses',
    'get /v1/businesses/{id}',
    'get /v1/campaigns',
    'get /v1/campaigns/{id}',
    'get /v1/cause-categories',
    'get /v1/causes',
    'get /v1/causes/{id}',
    'get /v1/companies',
    'get /v1/contacts',
    'get /v1/contacts/{id}',
    'get /v1/donations',
    'get /v1/donations/{id}',
    'get /v1/members/exists',
    'get /v1/members/{id}',
    'get /v1/perks/{id}',
    'get /v1/program',
    'get /v1/recurring-plans',
    'get /v1/recurring-plans/{id}',
    'get /v1/tags',
    'get /v1/tags/{id}',
    'get /v1/webhooks',
    'get /v1/webhooks/public-key',
    'get /v1/webhooks/{id}/deliveries',
    'patch /v1/business-categories/{id}',
    'patch /v1/businesses/{id}',
    'patch /v1/businesses/{id}/addresses/{address_id}',
    'patch /v1/campaigns/{id}',
    'patch /v1/cause-categories/{id}',
    'patch /v1/causes/{id}',
    'patch /v1/companies/{id}',
    'patch /v1/contacts/{id}',
    'patch /v1/donations/{id}',
    'patch /v1/members/{id}',
    'patch /v1/partner-codes/{id}',
    'patch /v1/perks/{id}',
    'patch /v1/recurring-plans/{id}',
    'patch /v1/tags/{id}',
    'patch /v1/uses/{id}',
    'patch /v1/webhooks/{id}',
    'post /v1/admin/programs',
    'post /v1/admin/webhook/{event}',
    'post /v1/business-categories',
    'post /v1/businesses',
    'post /v1/businesses/{id}/addresses',
    'post /v1/businesses/{id}/perks',
    'post /v1/campaigns',
    'post /v1/campaigns/{id}/archive',
    'post /v1/cause-categories',
    'post /v1/causes',
    'post /v1/companies',
    'post /v1/contacts',
    'post /v1/donations',
    'post /v1/donations/{id}/refund',
    'post /v1/invitations',
    'post /v1/members',
    'post /v1/oauth/token',
    'post /v1/partner-codes',
    'post /v1/partner-codes/check',
    'post /v1/recurring-plans',
    'post /v1/recurring-plans/{id}/cancel',
    'post /v1/sessions',
    'post /v1/tags',
    'post /v1/uses',
    'post /v1/webhook-deliveries/{id}/redeliver',
    'post /v1/webhooks',
    'post /v1/webhooks/{id}/redeliver-failed',
    'put /v1/contacts/{id}/tags/{tag_id}',
    'put /v1/program/signing-key',
  ];

  it('still lists every path and operation of the committed list, and no other under their paths', () => {
    const operations = Object.entries(document.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`))
      .sort();
    expect(operations).toEqual(expect.arrayContaining(committedOperations));
    const committedPaths = new Set(committedOperations.map((operation) => operation.split(' ')[1]));
    const onCommittedPaths = operations.filter((operation) => committedPaths.has(operation.split(' ')[1]));
    expect(onCommittedPaths).toEqual([...committedOperations].sort());
  });

  it('gives an example for every documented answer that has a body', () => {
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const success = Object.entries(operation.responses ?? {}).filter(([status]) => status.startsWith('2'));
        for (const [status, response] of success) {
          for (const [type, media] of Object.entries(response.content ?? {})) {
            // A binary body (the PDF e-card) has no example to show in JSON.
            const binary = (media as { schema?: { format?: string } }).schema?.format === 'binary';
            if (!binary && media.example === undefined && media.examples === undefined)
              missing.push(`${method} ${path} ${status} ${type}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('is rendered at /docs', async () => {
    const response = await fetch(`${app.baseUrl}/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toContain('/openapi.json');
  });

  it('serves /docs to a browser that asks for text/html, the media type its operation documents', async () => {
    const response = await fetch(`${app.baseUrl}/docs`, { headers: { Accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const operation = document.paths['/docs']?.get;
    expect(Object.keys(operation?.responses?.['200']?.content ?? {})).toEqual(['text/html']);
  });
});
