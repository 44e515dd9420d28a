import { apiReference } from '@scalar/express-api-reference';
import { Router } from 'express';
import { generateDocument } from './registry.js';

/** The document is made once, after every context has registered its routes. */
export function openapiRoutes(publicBaseUrl?: string): Router {
  const router = Router();
  let document: ReturnType<typeof generateDocument> | undefined;
  router.get('/openapi.json', (_req, res) => {
    document ??= generateDocument(publicBaseUrl ? [{ url: publicBaseUrl }] : []);
    res.json(document);
  });
  router.use('/docs', apiReference({ url: '/openapi.json', pageTitle: 'goodstream API' }));
  return router;
}
