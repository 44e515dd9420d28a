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
          for (const method of layer.route._methods().map((m) => m.toLowerCase())) if (method !== 'head') found.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
        }
      } else if (Array.isArray(layer.handle?.stack)) walk(layer.handle.stack);
    }
  };
  walk((app.router as unknown as { stack: RouteLayer[] }).stack);
  return [...new Set(found)].sort();
}

type Operation = { responses?: Record<string, { content?: Record<string, { example?: unknown; examples?: unknown }> }> };

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
    const documented = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`));
    expect(served.filter((route) => !documented.includes(route))).toEqual([]);
  });

  it('gives an example for every documented answer that has a body', () => {
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const success = Object.entries(operation.responses ?? {}).filter(([status]) => status.startsWith('2'));
        for (const [status, response] of success) {
          for (const [type, media] of Object.entries(response.content ?? {})) {
            if (media.example === undefined && media.examples === undefined) missing.push(`${method} ${path} ${status} ${type}`);
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
});
