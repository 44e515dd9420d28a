import { Router } from 'express';
import { configureOptins, createHub, updateHub } from '../../../commands/hub/hubs/hubs.js';
import { hubIdOf } from '../../../commands/hub/streams.js';
import { findHub, listHubs } from '../../../projections/hub/hubs/queries.js';
import { HUB_HUBS_PROJECTION } from '../../../projections/hub/hubs/projection.js';
import { findProgram } from '../../../projections/tenancy/programs.js';
import { isUuid } from '../../../platform/uuid.js';
import { PROGRAM_SCHEMES } from '../../auth/authenticate.js';
import type { ApiContext } from '../../context.js';
import { sendList, sendResource } from '../../conventions/envelope.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { expectedVersion } from '../../conventions/versioning.js';
import { HttpError } from '../../errors.js';
import { idempotency } from '../../idempotency/index.js';
import { refuseCustomerTokens } from '../auth/tokens.js';
import { commandContext, hubOfProgram, programOf, secretBoxOf } from '../common.js';
import { presentHub } from './present.js';
import { adminHubListQuery, adminPatchHubBody, createHubBody, patchHubBody, putOptinsBody } from './schemas.js';
import { toChanges, toOperatorChanges, toSettings } from './settings.js';

/** The hub a program runs: create, read, update, its optins; and the operators' view of every hub. */
export function hubRoutes(ctx: ApiContext): Router {
  const router = Router();
  const program = refuseCustomerTokens(ctx, ctx.auth.authenticate(PROGRAM_SCHEMES));
  const admin = ctx.auth.authenticate(['admin']);
  const once = idempotency({ knex: ctx.knex });
  const settled = readYourWrites(ctx, [HUB_HUBS_PROJECTION]);
  const box = secretBoxOf(ctx);
  const adminHub = async (hubId: string) => {
    const hub = isUuid(hubId) ? await findHub(ctx.knex, hubId) : undefined;
    if (!hub) throw new HttpError('not_found', 'hub not found');
    return hub;
  };

  router.post('/v1/hub', program, once, async (req, res) => {
    const body = createHubBody.parse(req.body);
    const programId = programOf(res);
    const found = await findProgram(ctx.knex, programId);
    if (!found) throw new HttpError('unauthorized', 'unknown program');
    const settings = await toSettings(body, found.settings.currency, box);
    const result = await createHub(ctx, settings, commandContext(req, res));
    await settled(result.position);
    const hub = await hubOfProgram(ctx, programId);
    sendResource(res, presentHub(hub), hub.version, 201);
  });

  router.get('/v1/hub', program, async (_req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    sendResource(res, presentHub(hub), hub.version);
  });

  router.patch('/v1/hub', program, async (req, res) => {
    const body = patchHubBody.parse(req.body ?? {});
    const programId = programOf(res);
    const changes = await toChanges(body, box);
    const result = await updateHub(
      ctx,
      hubIdOf(programId),
      { changes, programId },
      commandContext(req, res),
      expectedVersion(req),
    );
    await settled(result.position);
    const hub = await hubOfProgram(ctx, programId);
    sendResource(res, presentHub(hub), hub.version);
  });

  router.put('/v1/hub/optins', program, async (req, res) => {
    const body = putOptinsBody.parse(req.body);
    const programId = programOf(res);
    await hubOfProgram(ctx, programId);
    const result = await configureOptins(ctx, body, commandContext(req, res));
    await settled(result.position);
    const hub = await hubOfProgram(ctx, programId);
    res.json({ data: { registrationType: body.registrationType, optins: hub.optins[body.registrationType] ?? [] } });
  });

  router.get('/v1/admin/hubs', admin, async (req, res) => {
    const q = adminHubListQuery.parse(req.query);
    const { rows, total } = await listHubs(
      ctx.knex,
      { name: q.shoppingHubName, programName: q.shoppingHubProgramName },
      { offset: (q.page - 1) * q.per_page, limit: q.per_page },
    );
    sendList(res, rows.map(presentHub), { page: q.page, per_page: q.per_page, total });
  });

  router.get('/v1/admin/hubs/:hubId', admin, async (req, res) => {
    const hub = await adminHub(String(req.params.hubId));
    sendResource(res, presentHub(hub), hub.version);
  });

  router.patch('/v1/admin/hubs/:hubId', admin, async (req, res) => {
    const body = adminPatchHubBody.parse(req.body ?? {});
    const current = await adminHub(String(req.params.hubId));
    const context = { tenantId: current.programId, actor: 'admin', correlationId: String(res.locals.requestId ?? '') };
    const result = await updateHub(
      ctx,
      current.id,
      { changes: {}, operator: toOperatorChanges(body), programId: undefined },
      context,
      expectedVersion(req),
    );
    await settled(result.position);
    const hub = await adminHub(current.id);
    sendResource(res, presentHub(hub), hub.version);
  });

  return router;
}
