import type { CardFeeSettings, Plan } from './plan.js';
import type { Frequency } from './schedule.js';

/** What a recurring plan is asked to do. */
export type PlanCommand =
  | {
      readonly type: 'CreatePlan';
      readonly data: Pick<
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
      > & {
        readonly cardFee: CardFeeSettings;
        readonly startAt: string;
        readonly now: string;
      };
    }
  | {
      readonly type: 'ChangePlan';
      readonly data: {
        readonly amount?: number;
        readonly frequency?: Frequency;
        readonly status?: 'active' | 'paused';
        readonly paymentToken?: string;
        readonly cardFee: CardFeeSettings;
        readonly now: string;
      };
    }
  | { readonly type: 'CancelPlan'; readonly data: { readonly now: string } }
  | { readonly type: 'DeletePlan'; readonly data: { readonly now: string } }
  | {
      readonly type: 'BillPlan';
      readonly data: {
        readonly period: number;
        readonly donationId: string;
        readonly chargeId: string | null;
        readonly charged: number;
        readonly now: string;
      };
    }
  | {
      readonly type: 'RecordPaymentFailure';
      readonly data: {
        readonly period: number;
        readonly attempt: number;
        readonly code: string;
        readonly reason: string;
        readonly now: string;
      };
    }
  | { readonly type: 'EndPlan'; readonly data: { readonly now: string } };
