import { randomUUID } from 'node:crypto';
import { Router, type Response } from 'express';
import { fileClaim, rejectClaim, validateClaim } from '../../../commands/hub/claims/claims.js';
import { postgresBlobStore } from '../../../commands/hub/ports/blob-store.js';
import { HUB_CLAIMS_PROJECTION } from '../../../projections/hub/claims/projection.js';
import { claimOfHub, customerClaims, listClaims } from '../../../projections/hub/claims/queries.js';
import { claimDeps } from '../../../projections/hub/claims/wiring.js';
import { findCustomer, findCustomerByExternalId } from '../../../projections/hub/customers/queries.js';
import type { HubView } from '../../../projections/hub/hubs/queries.js';
import { findStore } from '../../../projections/hub/stores/queries.js';
import { HUB_TRANSACTIONS_PROJECTION } from '../../../projections/hub/transactions/projection.js';
import { transactionOfHub } from '../../../projections/hub/transactions/queries.js';
import type { ApiContext } from '../../context.js';
import { sendList } from '../../conventions/envelope.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { HttpError } from '../../errors.js';
import { customerContext, customerHubOf, customerOf, hubCallers } from '../auth/tokens.js';
import { commandContext, hubOfProgram, programOf } from '../common.js';
import { MAX_FILE_BYTES, sniff } from '../receipts/upload.js';
import { claimItem, programClaim } from './present.js';
import { claimBody, claimParam, claimsQuery, rejectBody, validateBody } from './schemas.js';

const unknownClaim = () =>
  new HttpError('not_found', 'no such claim in this hub', [{ message: 'unknown', code: 'claimNotFound' }]);

/** Who files: the customer of the JWT, or the customer the signed program names by `externalId` (ambiguity 14). */
async function claimant(ctx: ApiContext, res: Response, externalId: string | undefined) {
  if (res.locals.hubCustomer !== undefined) {
    const me = customerOf(res);
    const hub = customerHubOf(res);
    const found = await findCustomer(ctx.knex, me.hubId, me.customerId);
    return { hub, customerId: me.customerId, externalId: found?.customerExternalId ?? null, by: 'customer' as const };
  }
  const hub = await hubOfProgram(ctx, programOf(res));
  if (externalId === undefined)
    throw new HttpError('invalid_request', 'a program names the customer by externalId', [
      { field: 'externalId', message: 'required from a program' },
    ]);
  const found = await findCustomerByExternalId(ctx.knex, hub.id, externalId);
  if (!found)
    throw new HttpError('not_found', 'no customer of this hub has this externalId', [
      { field: 'externalId', message: 'unknown', code: 'customerNotFound' },
    ]);
  return { hub, customerId: found.id, externalId, by: 'program' as const };
}

/** A base64 attachment: ≤ 10 MB, JPEG, PNG or PDF by its bytes; stored by digest for the claim. */
async function attachmentOf(ctx: ApiContext, hub: HubView, customerId: string, claimId: string, base64?: string) {
  if (base64 === undefined) return null;
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_FILE_BYTES)
    throw new HttpError('invalid_request', 'the attachment is larger than 10 MB', [
      { field: 'attachment', message: 'at most 10 MB', code: 'fileTooLarge' },
    ]);
  const mediaType = await sniff(bytes).catch((error: HttpError) => {
    throw new HttpError('invalid_request', error.message, [{ field: 'attachment', message: 'JPEG, PNG or PDF' }]);
  });
  return postgresBlobStore(ctx.knex).put(bytes, mediaType, { hubId: hub.id, customerId, ownerId: claimId });
}

/** Claims (flow 5): filing by the customer or a signed program, the customer's list, the program's review. */
export function claimRoutes(ctx: ApiContext): Router {
  const router = Router();
  const { customer, program, customerOrProgram } = hubCallers(ctx);
  const settled = readYourWrites(ctx, [HUB_CLAIMS_PROJECTION, HUB_TRANSACTIONS_PROJECTION]);
  const deps = claimDeps(ctx.knex, ctx.store, ctx.clock);

  router.post('/v1/hub/claims', customerOrProgram, async (req, res) => {
    const body = claimBody.parse(req.body);
    const who = await claimant(ctx, res, body.externalId);
    const store = await findStore(ctx.knex, who.hub.id, body.storeId);
    if (!store)
      throw new HttpError('invalid_request', 'no store of this hub has this id', [
        { field: 'storeId', message: 'unknown', code: 'storeNotFound' },
      ]);
    const claimId = randomUUID();
    const attachment = await attachmentOf(ctx, who.hub, who.customerId, claimId, body.attachment);
    const context = who.by === 'customer' ? customerContext(res) : commandContext(req, res);
    const result = await fileClaim(
      deps,
      {
        claimId,
        hubId: who.hub.id,
        programId: who.hub.programId,
        customerId: who.customerId,
        customerExternalId: who.externalId,
        store: { id: store.id, externalId: store.externalId, name: store.name, type: store.type },
        amount: body.amount,
        currency: body.currency ?? who.hub.settings.currency,
        transactionDate: body.transactionDate,
        additionalFeedback: body.additionalFeedback ?? null,
        attachment,
        filedBy: who.by,
      },
      context,
    );
    await settled(result.position);
    const row = await claimOfHub(ctx.knex, who.hub.id, claimId);
    if (!row) throw unknownClaim();
    res.status(201).json({ data: claimItem(row) });
  });

  router.get('/v1/hub/customer/claims', customer, async (_req, res) => {
    res.json({ data: (await customerClaims(ctx.knex, customerOf(res).customerId)).map(claimItem) });
  });

  router.get('/v1/hub/claims', program, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const q = claimsQuery.parse(req.query);
    const page = { offset: (q.page - 1) * q.per_page, limit: q.per_page };
    const { rows, total } = await listClaims(ctx.knex, hub.id, q.status, page);
    sendList(res, rows.map(programClaim), { page: q.page, per_page: q.per_page, total });
  });

  /** The program's claim, else 404. */
  const claimOf = async (res: Response, params: unknown) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const parsed = claimParam.safeParse(params);
    const row = parsed.success ? await claimOfHub(ctx.knex, hub.id, parsed.data.claimId) : undefined;
    if (!row) throw unknownClaim();
    return { hub, row };
  };

  router.post('/v1/hub/claims/:claimId/validate', program, async (req, res) => {
    const { hub, row } = await claimOf(res, req.params);
    const transactionId = validateBody.parse(req.body ?? undefined)?.transactionId ?? null;
    if (transactionId !== null) {
      const debit = await transactionOfHub(ctx.knex, hub.id, transactionId);
      if (!debit || debit.customer_id !== row.customer_id)
        throw new HttpError('invalid_request', 'no transaction of this customer has this id', [
          { field: 'transactionId', message: 'unknown', code: 'transactionNotFound' },
        ]);
    }
    const result = await validateClaim(deps, row.id, transactionId, commandContext(req, res));
    await settled(result.position);
    res.json({ data: programClaim((await claimOfHub(ctx.knex, hub.id, row.id)) ?? row) });
  });

  router.post('/v1/hub/claims/:claimId/reject', program, async (req, res) => {
    const { hub, row } = await claimOf(res, req.params);
    const { code, rejectionReason } = rejectBody.parse(req.body);
    const rejection = { code, rejectionReason: rejectionReason ?? code, by: 'program' as const };
    const result = await rejectClaim(deps, row.id, rejection, commandContext(req, res));
    await settled(result.position);
    res.json({ data: programClaim((await claimOfHub(ctx.knex, hub.id, row.id)) ?? row) });
  });

  return router;
}
