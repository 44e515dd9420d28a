import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { postgresBlobStore } from '../../../commands/hub/ports/blob-store.js';
import {
  declareStore,
  readReceipt,
  reviewReceipt,
  submitReceipt,
  type ReceiptSeen,
} from '../../../commands/hub/receipts/receipts.js';
import type { CommandContext } from '../../../commands/shared/command.js';
import type { BlobRef } from '../../../domain/hub/receipts/events.js';
import type { Review } from '../../../domain/hub/receipts/receipt.js';
import { HUB_RECEIPTS_PROJECTION } from '../../../projections/hub/receipts/projection.js';
import {
  customerReceipts,
  listReceipts,
  nextUnderReview,
  receiptOfHub,
} from '../../../projections/hub/receipts/queries.js';
import { receiptDeps } from '../../../projections/hub/claims/wiring.js';
import type { HubView } from '../../../projections/hub/hubs/queries.js';
import { findStore } from '../../../projections/hub/stores/queries.js';
import { HUB_TRANSACTIONS_PROJECTION } from '../../../projections/hub/transactions/projection.js';
import type { ApiContext } from '../../context.js';
import { sendList, sendResource } from '../../conventions/envelope.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { expectedVersion } from '../../conventions/versioning.js';
import { HttpError } from '../../errors.js';
import { customerContext, customerHubOf, customerOf, hubCallers } from '../auth/tokens.js';
import { commandContext, hubOfProgram, programOf } from '../common.js';
import { customerReceipt, programReceipt } from './present.js';
import {
  customerPatchBody,
  listQuery,
  nextQuery,
  programPatchBody,
  receiptParam,
  type ProgramPatchBody,
} from './schemas.js';
import { readUpload, uploads } from './upload.js';

const unknownReceipt = () =>
  new HttpError('not_found', 'no such receipt in this hub', [{ message: 'unknown', code: 'receiptNotFound' }]);

/** A hub without `scanEnable` takes no receipt (422), checked before the body is read. */
export function assertScanEnabled(hub: HubView): void {
  if (!hub.settings.scanEnable)
    throw new HttpError('operation_refused', 'this hub does not take scanned receipts', [
      { field: 'scanEnable', message: 'off', code: 'scanDisabled' },
    ]);
}

/** The store a body names (our id or externalId), active in the hub; else 422 with the seed's `code`. */
export async function activeStoreOf(ctx: Pick<ApiContext, 'knex'>, hubId: string, key: string, code: string) {
  const store = await findStore(ctx.knex, hubId, key);
  if (!store || !store.active)
    throw new HttpError('invalid_request', 'no active store of this hub has this id', [
      { field: 'storeId', message: 'unknown', code },
    ]);
  return store;
}

export interface ReceivedUpload {
  readonly receiptId: string;
  readonly hubId: string;
  readonly programId: string;
  readonly customerId: string;
}

/**
 * Reads the multipart body (within the process's upload budget), then stores its image by digest while `alongside`
 * works on the text parts (what the decision needs is read meanwhile); the bytes are not kept past it.
 */
export async function receiveImage<T>(
  ctx: ApiContext,
  req: Request,
  who: ReceivedUpload,
  alongside: (fields: Readonly<Record<string, string>>, filename: string | null) => Promise<T>,
) {
  return uploads(req, async () => {
    const { file, fields } = await readUpload(req, 'image');
    const owner = { hubId: who.hubId, customerId: who.customerId, ownerId: who.receiptId };
    const [image, extra] = await Promise.all([
      postgresBlobStore(ctx.knex).put(file.bytes, file.mediaType, owner, file.digest),
      alongside(fields, file.filename),
    ]);
    return { image, filename: file.filename, fields, extra };
  });
}

/** What the receipt's decision stands on, for `receiveImage` to read while the image is stored. */
export const readingOf =
  (ctx: ApiContext, who: ReceivedUpload) => (fields: Readonly<Record<string, string>>, filename: string | null) =>
    readReceipt(receiptDeps(ctx.knex, ctx.store, ctx.clock), { ...who, filename, ocr: fields.ocr ?? null });

export interface StoredUpload extends ReceivedUpload {
  readonly image: BlobRef;
  readonly filename: string | null;
  readonly first: boolean;
}

/** Flow 4.1–4.4 for a stored image; answers once the receipts read model shows the decision. */
export async function storeReceipt(ctx: ApiContext, input: StoredUpload, seen: ReceiptSeen, context: CommandContext) {
  const { receiptId, hubId, programId, customerId, image, filename, first } = input;
  const uploaded = { receiptId, hubId, programId, customerId, image, filename, first };
  const result = await submitReceipt({ store: ctx.store, clock: ctx.clock }, uploaded, seen, context);
  await readYourWrites(ctx, [HUB_RECEIPTS_PROJECTION])(result.receiptPosition);
  const status = result.state.status === 'none' ? 'pending' : result.state.status;
  return { receiptId, status: status === 'underReview' ? 'pending' : status };
}

/** What a program's PATCH asks, in the domain's terms: validating needs the purchase (422 per missing field). */
async function reviewOf(ctx: ApiContext, hubId: string, body: ProgramPatchBody): Promise<Review> {
  if (body.status !== 'validated') return { status: body.status, rejectionReason: body.rejectionReason };
  const missing = (['amount', 'dateTime', 'storeId'] as const).filter((f) => body[f] === undefined);
  if (missing.length > 0)
    throw new HttpError(
      'invalid_request',
      'validating needs the amount, the date and the store',
      missing.map((field) => ({ field, message: 'required to validate' })),
    );
  const store = await activeStoreOf(ctx, hubId, body.storeId!, 'storeNotFound');
  const dateTime = body.dateTime!;
  const time = /T(\d{2}:\d{2})/.exec(dateTime)?.[1] ?? null;
  return {
    status: 'validated',
    purchase: {
      purchaseLocation: { id: store.id, externalId: store.externalId, type: store.type },
      amount: body.amount!,
      currency: body.currency ?? 'EUR',
      purchaseDate: dateTime.slice(0, 10),
      timeOfPurchase: time,
    },
  };
}

/** The customer's receipts and the program's review of them (flow 4). */
export function receiptRoutes(ctx: ApiContext): Router {
  const router = Router();
  const { customer, program, customerOrProgram } = hubCallers(ctx);
  const settled = readYourWrites(ctx, [HUB_RECEIPTS_PROJECTION, HUB_TRANSACTIONS_PROJECTION]);
  const blobs = postgresBlobStore(ctx.knex);
  const deps = { store: ctx.store, clock: ctx.clock };

  router.get('/v1/hub/customer/receipts', customer, async (_req, res) => {
    const rows = await customerReceipts(ctx.knex, customerOf(res).customerId);
    res.json({ data: rows.map(customerReceipt) });
  });

  router.post('/v1/hub/customer/receipts', customer, async (req, res) => {
    const me = customerOf(res);
    assertScanEnabled(customerHubOf(res));
    const receiptId = randomUUID();
    const who = { ...me, receiptId };
    const { image, filename, extra: seen } = await receiveImage(ctx, req, who, readingOf(ctx, who));
    const input = { ...who, image, filename, first: false };
    res.status(201).json({ data: await storeReceipt(ctx, input, seen, customerContext(res)) });
  });

  /** The customer's own receipt, else 404. */
  const mine = async (res: Response, params: unknown) => {
    const me = customerOf(res);
    const parsed = receiptParam.safeParse(params);
    const row = parsed.success ? await receiptOfHub(ctx.knex, me.hubId, parsed.data.receiptId) : undefined;
    if (!row || row.customer_id !== me.customerId) throw unknownReceipt();
    return row;
  };

  router.patch('/v1/hub/customer/receipts/:receiptId', customer, async (req, res) => {
    const row = await mine(res, req.params);
    const body = customerPatchBody.parse(req.body);
    if (body.receiptId !== undefined && body.receiptId !== row.id)
      throw new HttpError('invalid_request', 'the body names another receipt than the path', [
        { field: 'receiptId', message: 'must be the path’s' },
      ]);
    const store = await activeStoreOf(ctx, row.hub_id, body.storeId, 'invalidStoreId');
    const result = await declareStore(deps, row.id, { storeId: store.id, storeName: store.name }, customerContext(res));
    await settled(result.position);
    res.json({ data: customerReceipt((await receiptOfHub(ctx.knex, row.hub_id, row.id)) ?? row) });
  });

  router.get('/v1/hub/receipts', program, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const q = listQuery.parse(req.query);
    const page = { offset: (q.page - 1) * q.per_page, limit: q.per_page };
    const { rows, total } = await listReceipts(ctx.knex, hub.id, q, page);
    sendList(res, rows.map(programReceipt), { page: q.page, per_page: q.per_page, total });
  });

  router.get('/v1/hub/receipts/next', program, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const { receiptId } = nextQuery.parse(req.query);
    const after = receiptId === undefined ? undefined : await receiptOfHub(ctx.knex, hub.id, receiptId);
    if (receiptId !== undefined && !after) throw unknownReceipt();
    const next = await nextUnderReview(ctx.knex, hub.id, after);
    if (!next) throw new HttpError('not_found', 'no receipt waits for review after this one');
    res.json({ data: programReceipt(next) });
  });

  router.get('/v1/hub/receipts/:receiptId/image', customerOrProgram, async (req, res) => {
    const asCustomer = res.locals.hubCustomer !== undefined;
    const hubId = asCustomer ? customerOf(res).hubId : (await hubOfProgram(ctx, programOf(res))).id;
    const parsed = receiptParam.safeParse(req.params);
    const row = parsed.success ? await receiptOfHub(ctx.knex, hubId, parsed.data.receiptId) : undefined;
    if (!row || (asCustomer && row.customer_id !== customerOf(res).customerId)) throw unknownReceipt();
    const blob = await blobs.get(hubId, row.image_digest);
    if (!blob) throw new HttpError('not_found', 'this image was erased');
    const pdf = blob.mediaType === 'application/pdf';
    res
      .status(200)
      .set({
        'Content-Type': blob.mediaType,
        'X-Content-Type-Options': 'nosniff',
        'Content-Disposition': `${pdf ? 'attachment' : 'inline'}; filename="receipt-${row.id}.${pdf ? 'pdf' : blob.mediaType.slice(6)}"`,
        'Cache-Control': 'private, no-store',
      })
      .end(blob.bytes);
  });

  router.patch('/v1/hub/receipts/:receiptId', program, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const parsed = receiptParam.safeParse(req.params);
    const row = parsed.success ? await receiptOfHub(ctx.knex, hub.id, parsed.data.receiptId) : undefined;
    if (!row) throw unknownReceipt();
    const review = await reviewOf(ctx, hub.id, programPatchBody.parse(req.body));
    const result = await reviewReceipt(deps, row.id, review, commandContext(req, res), expectedVersion(req));
    await settled(result.position);
    const after = (await receiptOfHub(ctx.knex, hub.id, row.id)) ?? row;
    sendResource(res, programReceipt(after), Number(after.version));
  });

  return router;
}
