import express, { type Express, type RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../platform/logger.js';
import { jsonBody } from './conventions/body.js';
import { methodNotAllowed, optionsResponder } from './conventions/method-not-allowed.js';
import { contentNegotiation } from './conventions/negotiation.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { platformRoutes, type PlatformDeps } from './platform/routes.js';
import { DEFAULT_RATE_LIMIT, rateLimit } from './rate-limit.js';
import { requestId } from './request-id.js';

export interface AppDeps extends PlatformDeps {
  readonly logger: Logger;
  /** Per-credential limit on `/v1`; `false` turns it off. Defaults to DEFAULT_RATE_LIMIT. */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number; readonly prefix?: string } | false;
  /** Runs on `/v1` before the rate limit, so it can set `res.locals.rateLimitKey` and `programId`. */
  readonly authenticate?: RequestHandler;
  /** The API's routers and handlers, mounted after the platform routes. */
  readonly routes?: readonly RequestHandler[];
}

/** Bodies other than JSON, each parsed by its route: the OAuth token endpoint takes a form. */
const OTHER_BODY_TYPES = [
  { path: '/v1/oauth/token', types: ['application/x-www-form-urlencoded'] },
  // Receipt images stream through the route's own multipart parser (10 MB).
  { path: /^\/v1\/hub\/(customer\/receipts|auth\/first-receipt)\/?$/, types: ['multipart/form-data'] },
];

/** The HTTP app, built from its dependencies: nothing here opens a connection. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(requestId);
  // A silent logger writes nothing, but pino-http would still build a child logger and serialise every request.
  if (deps.logger.isLevelEnabled('fatal')) {
    app.use(
      pinoHttp({
        logger: deps.logger,
        genReqId: (_req, res) => String(res.locals.requestId),
        customLogLevel: (_req, res, error) =>
          error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
        // The query string can carry an email; the path is enough to find a request again.
        serializers: {
          req: (req: { id: unknown; method: string; url: string; headers: unknown }) => ({
            id: req.id,
            method: req.method,
            path: req.url.split('?')[0],
            headers: req.headers,
          }),
        },
      }),
    );
  }
  app.use((req, res, next) => {
    const end = deps.metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      end({ route: route ? `${req.baseUrl}${route}` : 'unmatched', status: String(res.statusCode) });
    });
    next();
  });
  app.use(
    contentNegotiation({
      alternatives: [
        { path: '/metrics', types: ['text/plain', 'application/openmetrics-text'] },
        { path: '/v1/webhooks/public-key', types: ['application/x-pem-file', 'text/plain', 'application/json'] },
        { path: '/docs', types: ['text/html'] },
        {
          path: /^\/docs\/assets\//,
          types: ['text/javascript', 'application/javascript', 'text/css', 'application/json'],
        },
        { path: '/v1/events', types: ['application/json', 'application/x-ndjson'] },
        // Fulfillment's e-card routes (api-fulfillment.md, "E-card"): JSON or the PDF, chosen by q-values.
        {
          path: /^\/v1\/(orders\/[^/]+(\/card)?|redemptions(\/[^/]+)?)$/,
          types: ['application/json', 'application/pdf'],
        },
        { path: /^\/v1\/streams\/[^/]+$/, types: ['application/json', 'application/x-ndjson'] },
      ],
    }),
  );
  // A claim carries its attachment in base64 (≤ 10 MB decoded): its JSON body may be that large.
  app.post('/v1/hub/claims', jsonBody({ limit: '14mb' }));
  app.use(jsonBody({ others: OTHER_BODY_TYPES }));
  if (deps.authenticate) app.use('/v1', deps.authenticate);
  if (deps.rateLimit !== false) {
    const { limit, windowMs, prefix } = { ...DEFAULT_RATE_LIMIT, ...deps.rateLimit };
    app.use(
      '/v1',
      rateLimit({ redis: deps.redis, limit, windowMs, logger: deps.logger, ...(prefix ? { prefix } : {}) }),
    );
  }
  app.use(optionsResponder(app));
  app.use(platformRoutes(deps));
  for (const routes of deps.routes ?? []) app.use(routes);
  app.use(methodNotAllowed(app));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
