import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { apiReference } from '@scalar/express-api-reference';
import { Router } from 'express';
import { generateDocument } from './registry.js';

/**
 * The API reference's browser bundle, served from this server so the page works without internet: the compiled app
 * carries a copy (`npm run build` puts it in dist/docs-assets; the image has no dev dependencies), the sources read it
 * from the installed @scalar/api-reference, the version the lockfile pins.
 */
function referenceBundle(): string | undefined {
  const built = fileURLToPath(new URL('../../docs-assets/standalone.js', import.meta.url));
  if (existsSync(built)) return built;
  try {
    return createRequire(import.meta.url)
      .resolve('@scalar/api-reference')
      .replace(/index\.js$/, 'browser/standalone.js');
  } catch {
    return undefined;
  }
}

/** The document is made once, after every context has registered its routes. */
export function openapiRoutes(publicBaseUrl?: string): Router {
  const router = Router();
  let document: ReturnType<typeof generateDocument> | undefined;
  router.get('/openapi.json', (_req, res) => {
    document ??= generateDocument(publicBaseUrl ? [{ url: publicBaseUrl }] : []);
    res.json(document);
  });
  const bundle = referenceBundle();
  // An asset of the page, not an operation of the API (hence not a route of the document).
  router.use('/docs/assets', (req, res, next) => {
    if (!bundle || req.method !== 'GET' || req.path !== '/standalone.js') return next();
    res.sendFile(bundle, { maxAge: '1d' });
  });
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
