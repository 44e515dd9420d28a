import express, { type Express } from 'express';
import type { Logger } from '../platform/logger.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { platformRoutes, type PlatformDeps } from './platform/routes.js';
import { requestId } from './request-id.js';

export interface AppDeps extends PlatformDeps {
  readonly logger: Logger;
}

/** The HTTP app, built from its dependencies: nothing here opens a connection. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(requestId);
  app.use((req, res, next) => {
    const end = deps.metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      end({ route: route ? `${req.baseUrl}${route}` : 'unmatched', status: String(res.statusCode) });
    });
    next();
  });
  app.use(express.json({ limit: '1mb' }));
  app.use(platformRoutes(deps));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
