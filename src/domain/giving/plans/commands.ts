import type { Command } from '../../shared/decider.js';
import type { CardFeeSettings, Plan } from './plan.js';
import type { Frequency } from './schedule.js';

/** What a recurring plan is asked to do. */
export type PlanCommand =
  | Command<
      'CreatePlan',
      Pick<
        Plan,
        | 'planId'
        | 'programId'
        | 'campaignId'
        | 'frequency'
        | 'amount'
        | 'currency'
        | 'method'
        | 'coverFee'
        | 'supporter'
        | 'paymentToken'
        | 'endAt'
      > & { readonly cardFee: CardFeeSettings; readonly startAt: string }
    >
  | Command<
      'ChangePlan',
      {
        readonly amount?: number;
        readonly frequency?: Frequency;
        readonly status?: 'active' | 'paused';
        readonly paymentToken?: string;
        readonly cardFee: CardFeeSettings;
      }
    >
  | Command<'CancelPlan'>
  | Command<'DeletePlan'>
  | Command<
      'BillPlan',
      {
        readonly period: number;
        readonly donationId: string;
        readonly chargeId: string | null;
        readonly charged: number;
      }
    >
  | Command<
      'RecordPaymentFailure',
      { readonly period: number; readonly attempt: number; readonly code: string; readonly reason: string }
    >
  | Command<'EndPlan'>;
