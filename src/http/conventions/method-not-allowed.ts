import type { Express, RequestHandler } from 'express';
import { HttpError } from '../errors.js';

/** What the router package keeps per layer (router 2.x, as express 5 uses it). */
interface LayerLike {
  match(path: string): { path: string } | false;
  route?: { _methods(): string[] };
  handle?: { stack?: unknown };
}

function isLayer(value: unknown): value is LayerLike {
  return typeof value === 'object' && value !== null && typeof (value as { match?: unknown }).match === 'function';
}

/**
 * The methods the routes under a router answer for a path, found the way the
 * router itself dispatches: route layers give their methods, mounted routers
 * are searched with their mount path removed.
 */
export function allowedMethods(stack: readonly unknown[], path: string): string[] {
  const methods = new Set<string>();
  for (const layer of stack) {
    if (!isLayer(layer)) continue;
    let match: { path: string } | false;
    try {
      match = layer.match(path);
    } catch {
      continue; // a malformed escape in the path: the router refuses it elsewhere
    }
    if (!match) continue;
    if (layer.route) {
      for (const method of layer.route._methods()) methods.add(method);
    } else if (Array.isArray(layer.handle?.stack)) {
      const rest = path.slice(match.path.length);
      for (const method of allowedMethods(layer.handle.stack, rest.startsWith('/') ? rest : `/${rest}`))
        methods.add(method);
    }
  }
  return [...methods];
}

function allowHeader(allowed: readonly string[]): string {
  return [...allowed, 'OPTIONS'].join(', ');
}

function routerStack(app: Express): readonly unknown[] {
  return (app.router as unknown as { stack: unknown[] }).stack;
}

/**
 * Mount before the routes: OPTIONS on a path some route serves answers 204 with
 * `Allow` (instead of the router's own text answer, deep in a sub-router).
 */
export function optionsResponder(app: Express): RequestHandler {
  return (req, res, next) => {
    const allowed = req.method === 'OPTIONS' ? allowedMethods(routerStack(app), req.path) : [];
    if (allowed.length === 0 || allowed.includes('OPTIONS')) {
      next();
      return;
    }
    res.set('Allow', allowHeader(allowed)).status(204).end();
  };
}

/**
 * Mount after every route and before the 404 handler: a path some route serves
 * with other methods answers 405 `method_not_allowed` with `Allow`.
 */
export function methodNotAllowed(app: Express): RequestHandler {
  return (req, _res, next) => {
    const allowed = allowedMethods(routerStack(app), req.path);
    // No route for the path, or its route passed the request on: that is a 404.
    if (allowed.length === 0 || allowed.includes(req.method)) {
      next();
      return;
    }
    throw new HttpError(
      'method_not_allowed',
      `${req.method} is not allowed on ${req.path}; use ${allowed.join(', ')}`,
      [],
      { Allow: allowHeader(allowed) },
    );
  };
}
