import { Router, type Request, type Response } from 'express';
import {
  addBank,
  notifyBankStatus,
  seedSandboxBanks,
  setHubBank,
  updateBank,
} from '../../../commands/hub/banks/banks.js';
import type { BankDataProvider } from '../../../commands/hub/banks/bank-data-provider.js';
import { bindSandboxBank } from '../../../commands/hub/banks/providers.js';
import { HUB_BANKS_PROJECTION } from '../../../projections/hub/banks/projection.js';
import {
  findBank,
  findHubBank,
  hubsHoldingBank,
  listBanks,
  listHubBanks,
} from '../../../projections/hub/banks/queries.js';
import { findCustomer } from '../../../projections/hub/customers/queries.js';
import { PROGRAM_SCHEMES } from '../../auth/authenticate.js';
import type { ApiContext } from '../../context.js';
import { sendList, sendResource } from '../../conventions/envelope.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { HttpError } from '../../errors.js';
import { idempotency } from '../../idempotency/index.js';
import { refuseCustomerTokens } from '../auth/tokens.js';
import { commandContext, hubOfProgram, programOf } from '../common.js';
import { connectionRoutes } from '../connections/routes.js';
import { startConsent } from '../connections/consent.js';
import { connectHeaders } from '../connections/schemas.js';
import { sandboxConsentRoutes } from '../connections/sandbox-consent.js';
import { presentBank } from './present.js';
import {
  addBankBody,
  adminBankListQuery,
  bankIdParam,
  hubBanksQuery,
  patchBankBody,
  providerCodeParam,
} from './schemas.js';

const noSuchBank = () => new HttpError('not_found', 'bank not found');
/** The catalogue is the platform's: its events name no program. */
const platform = (res: Response) => ({
  tenantId: 'platform',
  actor: 'admin',
  correlationId: String(res.locals.requestId ?? ''),
});

/** The bank catalogue (operators), a hub's banks (its program) and what a hub's front reads of them (flow 7). */
export function bankRoutes(ctx: ApiContext, providers: readonly BankDataProvider[]): Router {
  const router = Router();
  bindSandboxBank(ctx.knex);
  const admin = ctx.auth.authenticate(['admin']);
  const program = refuseCustomerTokens(ctx, ctx.auth.authenticate(PROGRAM_SCHEMES));
  const key = ctx.auth.authenticate(['api_key', ...PROGRAM_SCHEMES]);
  const once = idempotency({ knex: ctx.knex });
  const settled = readYourWrites(ctx, [HUB_BANKS_PROJECTION]);
  // The sandbox banks are listed at start, in the background; a request naming a bank waits for them (what fails
  // is tried again at the next start).
  const sandboxListed = seedSandboxBanks(ctx)
    .then(settled)
    .catch((error: unknown) => ctx.logger.warn({ err: error }, 'sandbox banks not listed'));
  const bankOf = async (raw: unknown) => {
    await sandboxListed;
    const parsed = bankIdParam.safeParse(raw);
    const bank = parsed.success ? await findBank(ctx.knex, parsed.data.bankId) : undefined;
    if (!bank) throw noSuchBank();
    return bank;
  };

  router.post('/v1/admin/banks', admin, once, async (req, res) => {
    const { active, ...fields } = addBankBody.parse(req.body);
    const result = await addBank(ctx, { fields, active: active ?? true }, platform(res));
    await settled(result.position);
    const bank = await bankOf({ bankId: result.bankId });
    sendResource(res, presentBank(bank), bank.version, 201);
  });

  router.get('/v1/admin/banks', admin, async (req, res) => {
    const q = adminBankListQuery.parse(req.query);
    const { rows, total } = await listBanks(ctx.knex, { offset: (q.page - 1) * q.per_page, limit: q.per_page });
    sendList(res, rows.map(presentBank), { page: q.page, per_page: q.per_page, total });
  });

  router.patch('/v1/admin/banks/:bankId', admin, async (req, res) => {
    const { active, ...changes } = patchBankBody.parse(req.body ?? {});
    const current = await bankOf(req.params);
    const result = await updateBank(ctx, current.id, { changes, active }, platform(res));
    await settled(result.position);
    // Also when `active` did not change: a PATCH retried after a crash tells the hubs not told yet.
    if (active !== undefined) {
      const holders = await hubsHoldingBank(ctx.knex, current.id);
      await settled(await notifyBankStatus(ctx, { bankId: current.id, active }, holders, platform(res)));
    }
    const bank = await bankOf(req.params);
    sendResource(res, presentBank(bank), bank.version);
  });

  /** Offers the path's bank in the program's hub, or stops offering it; answers the bank once the hub shows it. */
  const offerBank = async (req: Request, res: Response, offered: boolean) => {
    const bank = await bankOf(req.params);
    const hub = await hubOfProgram(ctx, programOf(res));
    const change = offered
      ? ({ type: 'AssociateBank', bankActive: bank.active } as const)
      : ({ type: 'DissociateBank' } as const);
    const result = await setHubBank(ctx, change, { hubId: hub.id, bankId: bank.id }, commandContext(req, res));
    await settled(result.position);
    return bank;
  };

  router.put('/v1/hub/banks/:bankId', program, async (req, res) => {
    const bank = await offerBank(req, res, true);
    sendResource(res, presentBank(bank), bank.version);
  });

  router.delete('/v1/hub/banks/:bankId', program, async (req, res) => {
    await offerBank(req, res, false);
    res.status(204).end();
  });

  router.get('/v1/hub/banks', key, async (req, res) => {
    const { cardType } = hubBanksQuery.parse(req.query);
    const hub = await hubOfProgram(ctx, programOf(res));
    res.json({ data: (await listHubBanks(ctx.knex, hub.id, cardType)).map(presentBank) });
  });

  // Before /:bankId, which would take `test-accounts` for a bank id.
  router.get('/v1/hub/banks/test-accounts/:code', key, (req, res) => {
    const { code } = providerCodeParam.parse(req.params);
    const provider = providers.find((p) => p.providerCode === code);
    const accounts = provider?.testAccounts() ?? [];
    if (accounts.length === 0) throw new HttpError('not_found', 'this provider has no test accounts');
    res.json({ data: accounts });
  });

  router.get('/v1/hub/banks/:bankId', key, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const parsed = bankIdParam.safeParse(req.params);
    const bank = parsed.success ? await findHubBank(ctx.knex, hub.id, parsed.data.bankId) : undefined;
    if (!bank) throw noSuchBank();
    const headers = connectHeaders.parse(req.headers);
    const decoupled = headers.chosenauthmodel === 'decoupled';
    if (headers.customerid === undefined || (headers.redirecturi === undefined && !decoupled))
      return sendResource(res, presentBank(bank), bank.version);
    const provider = providers.find((p) => p.providerCode === bank.providerCode);
    if (!bank.active || !provider) throw new HttpError('operation_refused', 'this bank takes no new connection now');
    if (!(await findCustomer(ctx.knex, hub.id, headers.customerid)))
      throw new HttpError('not_found', 'customer not found', [
        { field: 'customerId', message: 'no such customer in this hub', code: 'customerNotFound' },
      ]);
    const binding = { hubId: hub.id, customerId: headers.customerid, bankId: bank.id, connectionId: null };
    const asked = { redirectUri: headers.redirecturi, chosenAuthModel: headers.chosenauthmodel, psuId: headers.psuid };
    const consent = await startConsent(ctx, req, bank, provider, binding, asked, commandContext(req, res));
    sendResource(res, { ...presentBank(bank), ...consent }, bank.version);
  });

  router.use(sandboxConsentRoutes(ctx), connectionRoutes(ctx, providers));
  return router;
}
