import type { Knex } from 'knex';
import { planEvents, type PlanEvent } from '../../../domain/giving/plans/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import { applyByType, changeRow, type EventHandlers } from '../../shared/handlers.js';
import type { Projection } from '../../projection.js';

type Handlers = EventHandlers<PlanEvent>;

/**
 * Every plan event moves the row's version; an event at or below the stored
 * version was applied already (a replay), so it changes nothing.
 */
const bump = (trx: Knex.Transaction, id: string, event: RecordedEvent, at: string, changes: Record<string, unknown>) =>
  changeRow(trx, 'rm_giving_plans', id, event, { ...changes, updated_at: at });

const handlers: Handlers = {
  PlanCreated: (trx, d, event) =>
    trx('rm_giving_plans')
      .insert({
        id: d.planId,
        program_id: d.programId,
        campaign_id: d.campaignId,
        frequency: d.frequency,
        status: 'active',
        method: d.method,
        amount: d.amount,
        fee_covered: d.feeCovered,
        cover_fee: d.coverFee,
        currency: d.currency,
        first_name: d.supporter.firstName,
        last_name: d.supporter.lastName,
        email: d.supporter.email,
        phone: d.supporter.phone,
        has_payment_token: d.paymentToken !== null,
        start_at: d.startAt,
        end_at: d.endAt,
        next_bill_date: d.startAt,
        created_at: d.createdAt,
        updated_at: d.createdAt,
        version: event.revision.toString(),
      })
      .onConflict('id')
      .ignore(),
  PlanChanged: (trx, d, event) =>
    bump(trx, d.planId, event, d.changedAt, {
      ...(d.amount !== undefined ? { amount: d.amount } : {}),
      ...(d.feeCovered !== undefined ? { fee_covered: d.feeCovered } : {}),
      ...(d.frequency !== undefined ? { frequency: d.frequency } : {}),
    }),
  PlanPaymentMethodChanged: (trx, d, event) => bump(trx, d.planId, event, d.changedAt, { has_payment_token: true }),
  PlanPaused: (trx, d, event) => bump(trx, d.planId, event, d.pausedAt, { status: 'paused' }),
  PlanResumed: (trx, d, event) =>
    bump(trx, d.planId, event, d.resumedAt, { status: 'active', next_bill_date: d.nextBillDate, attempt: 0 }),
  PlanCanceled: (trx, d, event) =>
    bump(trx, d.planId, event, d.canceledAt, { status: 'canceled', next_bill_date: null }),
  PlanEnded: (trx, d, event) => bump(trx, d.planId, event, d.endedAt, { status: 'ended', next_bill_date: null }),
  PlanDeleted: (trx, d) => trx('rm_giving_plans').where({ id: d.planId }).delete(),
  PlanBilled: (trx, d, event) =>
    bump(trx, d.planId, event, d.billedAt, {
      next_bill_date: d.nextBillDate,
      period: d.period + 1,
      attempt: 0,
      status: trx.raw(`case when status = 'past_due' then 'active' else status end`),
    }),
  PlanPaymentFailed: (trx, d, event) =>
    bump(trx, d.planId, event, d.failedAt, {
      attempt: d.attempt + 1,
      status: trx.raw(`case when status = 'active' then 'past_due' else status end`),
    }),
};

export const plansProjection: Projection = {
  name: 'giving-plans',
  version: 1,
  eventTypes: Object.keys(handlers),
  tables: ['rm_giving_plans'],
  apply: applyByType(planEvents, handlers),
};
