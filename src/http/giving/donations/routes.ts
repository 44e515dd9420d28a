import { Router } from 'express';
import { createDonation } from '../../../commands/giving/donations/create-donation.js';
import {
  deleteDonation,
  refundDonation,
  updateDonationSupporter,
} from '../../../commands/giving/donations/manage-donation.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { GIVING_DONATIONS_PROJECTION } from '../../../projections/giving/donations/projection.js';
import {
  countDonations,
  findDonation,
  listDonations,
  type DonationSort,
} from '../../../projections/giving/donations/queries.js';
import type { ApiContext } from '../../context.js';
import { programGuards } from '../../shared/routes.js';
import { sendList } from '../../conventions/envelope.js';
import { assertSortingLimit, parseListQuery } from '../../conventions/pagination.js';
import { expectedVersion } from '../../conventions/versioning.js';
import { HttpError } from '../../errors.js';
import { settledRows } from '../../shared/own-rows.js';
import { commandContext, personInput, programOf } from '../common.js';
import { presentDonation } from './present.js';
import { toPostalAddress as toAddress } from '../address.js';
import { createDonationBody, donationListQuery, patchDonationBody } from './schemas.js';
import { isUuid } from '../../../platform/uuid.js';
import { utm } from '../../../domain/giving/donations/events.js';
import { orNull } from '../../shared/fields.js';

const withoutUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export function donationRoutes(ctx: ApiContext): Router {
  const router = Router();
  const { program, once } = programGuards(ctx);
  const settled = readYourWrites(ctx, [GIVING_DONATIONS_PROJECTION]);
  const donations = settledRows(ctx, findDonation, 'donation', presentDonation, settled);
  const uuid = (id: string): string => {
    if (!isUuid(id)) throw new HttpError('not_found', 'donation not found');
    return id;
  };

  router.get('/v1/donations', program, async (req, res) => {
    const { page, per_page, offset, sort } = parseListQuery(
      { page: req.query.page, per_page: req.query.per_page, sort: req.query.sort },
      ['created_at', 'amount'],
    );
    const query = donationListQuery.parse(req.query);
    const filter = { campaignId: query.campaign_id, status: query.status, from: query.from, to: query.to };
    const total = await countDonations(ctx.knex, programOf(res), filter);
    assertSortingLimit({ page, per_page, offset, sort }, total);
    const rows = await listDonations(ctx.knex, programOf(res), filter, {
      offset,
      limit: per_page,
      sort: sort as DonationSort[],
    });
    sendList(res, rows.map(presentDonation), { page, per_page, total });
  });

  router.post('/v1/donations', program, once, async (req, res) => {
    const body = createDonationBody.parse(req.body);
    const input = {
      campaignId: body.campaign_id,
      amount: body.amount,
      currency: body.currency,
      method: body.method,
      coverFee: body.cover_fee,
      paymentToken: body.payment_token ?? null,
      supporter: { ...personInput({ ...body, email: body.email ?? null }), address: toAddress(body.address) ?? null },
      lineItems: body.line_items,
      utm: body.utm ? orNull(body.utm, utm.keyof().options) : null,
      givingSpace: body.giving_space ?? null,
      userId: body.user_id ?? null,
      teamId: body.team_id ?? null,
    };
    const result = await createDonation(ctx, input, commandContext(req, res));
    await donations.created(res, result);
  });

  router.get('/v1/donations/:id', program, donations.get);

  router.patch('/v1/donations/:id', program, async (req, res) => {
    const id = uuid(String(req.params.id));
    const body = patchDonationBody.parse(req.body ?? {});
    // Another program's donation is not found, whatever If-Match says.
    await donations.of(res, id);
    const changes = withoutUndefined({
      firstName: body.first_name,
      lastName: body.last_name,
      email: body.email,
      phone: body.phone,
      address: toAddress(body.address),
    });
    const result = await updateDonationSupporter(ctx, id, changes, commandContext(req, res), {
      expectedVersion: expectedVersion(req),
    });
    await donations.sendWritten(res, id, result);
  });

  router.delete('/v1/donations/:id', program, async (req, res) => {
    const id = uuid(String(req.params.id));
    await settled((await deleteDonation(ctx, id, commandContext(req, res))).position);
    res.status(204).end();
  });

  router.post('/v1/donations/:id/refund', program, async (req, res) => {
    const id = uuid(String(req.params.id));
    const result = await refundDonation(ctx, id, commandContext(req, res));
    await donations.sendWritten(res, id, result);
  });

  return router;
}
