import type { Knex } from 'knex';
import type { z } from 'zod';
import { planStream } from '../../../../src/commands/giving/streams.js';
import { planEvents } from '../../../../src/domain/giving/plans/events.js';
import type { RecordedEvent } from '../../../../src/platform/eventstore/types.js';
import { plansProjection } from '../../../../src/projections/giving/plans/projection.js';
import { applyToDb, recorded } from '../../../support/projection-spec.js';

export const AT = '2026-11-22T10:00:00.000Z';
export const LATER = '2026-11-23T10:00:00.000Z';
export const NEXT_MONTH = '2026-12-22T10:00:00.000Z';

type PlanEventType = keyof typeof planEvents;

/** The plans projection's test kit for one program: its events, a plan's row, and applying events twice. */
export function planProjectionSpec(programId: string, knex: () => Knex) {
  /**
   * The event's data is parsed by the domain schema first, so a case cannot build an event the store would never hold.
   */
  const event = <T extends PlanEventType>(
    type: T,
    planId: string,
    data: Omit<z.input<(typeof planEvents)[T]>, 'planId'>,
  ) =>
    recorded(type, planEvents[type].parse({ planId, ...(data as object) }), {
      stream: planStream(planId),
      tenantId: programId,
      createdAt: AT,
    });

  const created = (planId: string, overrides: Partial<z.input<typeof planEvents.PlanCreated>> = {}) =>
    event('PlanCreated', planId, {
      programId,
      campaignId: 'campaign-1',
      frequency: 'monthly',
      amount: 2500,
      currency: 'EUR',
      method: 'card',
      coverFee: true,
      feeCovered: 75,
      supporter: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.org', phone: '+33600000000' },
      paymentToken: 'sealed-token',
      startAt: AT,
      endAt: null,
      createdAt: AT,
      ...overrides,
    });

  const row = (id: string) => knex()('rm_giving_plans').where({ id }).first<Record<string, unknown> | undefined>();
  const apply = (events: RecordedEvent[]) => applyToDb(knex(), plansProjection, events, { replayed: true });
  return { event, created, row, apply };
}
