import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { apiReference } from '@scalar/express-api-reference';
import express, { Router } from 'express';
import { generateDocument } from './registry.js';

/**
 * The API reference's browser bundle (and the chunks it loads), from the installed package: the page works on a
 * machine without internet, and shows the version the lockfile pins.
 */
const REFERENCE_BUNDLE = join(dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')), 'browser');

/** The document is made once, after every context has registered its routes. */
export function openapiRoutes(publicBaseUrl?: string): Router {
  const router = Router();
  let document: ReturnType<typeof generateDocument> | undefined;
  router.get('/openapi.json', (_req, res) => {
    document ??= generateDocument(publicBaseUrl ? [{ url: publicBaseUrl }] : []);
    res.json(document);
  });
  router.use('/docs/assets', express.static(REFERENCE_BUNDLE, { fallthrough: false, maxAge: '1d', index: false }));
  router.get(
    '/docs',
    apiReference({
      url: '/openapi.json',
      pageTitle: 'goodstream API',
      cdn: '/docs/assets/standalone.js',
      withDefaultFonts: false,
    }),
  );
  return router;
}
