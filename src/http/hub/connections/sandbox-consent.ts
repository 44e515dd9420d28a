import { Router } from 'express';
import type { ApiContext } from '../../context.js';
import { sandboxBankProvider } from '../banks/providers.js';
import { authorizeQuery } from './schemas.js';

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The sandbox bank's consent page (no credentials: it stands for the bank's own site). Without a login it shows a
 * form that sends itself back with one; with one it redirects (302) to `redirect_uri?code=…&state=…`, or
 * `?error=invalidCredentials&state=…`. The state is checked at the callback, not here (decision 46).
 */
export function sandboxConsentRoutes(ctx: Pick<ApiContext, 'clock'>): Router {
  const router = Router();
  router.get('/v1/hub/sandbox/bank/authorize', async (req, res) => {
    const q = authorizeQuery.parse(req.query);
    if (q.login === undefined) {
      const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escape(value)}">`;
      res
        .status(200)
        .type('html')
        .send(
          `<!doctype html><title>Sandbox Bank</title><form method="get">` +
            `${hidden('state', q.state)}${hidden('redirect_uri', q.redirect_uri)}` +
            `<label>Login <input name="login"></label> <label>Password <input name="password" type="password"></label>` +
            `<button>Consent</button></form>`,
        );
      return;
    }
    const bank = sandboxBankProvider();
    await bank.ready();
    const location = bank.authorize({
      login: q.login,
      password: q.password ?? '',
      state: q.state,
      redirectUri: q.redirect_uri,
      now: ctx.clock.now(),
    });
    res.redirect(302, location);
  });
  return router;
}
