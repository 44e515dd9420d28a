import { z } from 'zod';
import { envelope, isoDateTime } from '../../webhooks/payloads/common.js';

/* A use of a perk as the member surface's webhooks show it: seed 002's envelope, seed 000's field names. */

export const feedback = z.enum(['like', 'unlike', 'unused']);

const useFields = {
  id: z.string(),
  member_id: z.string(),
  perk_id: z.string(),
  perk_name: z.string(),
  business_id: z.string(),
  business_name: z.string(),
  address_id: z.string().nullable(),
  created_at: isoDateTime,
};

export const useResource = z.strictObject({ ...useFields, feedback: feedback.nullable() });
export const useWithFeedback = z.strictObject({ ...useFields, feedback, updated_at: isoDateTime });

export const usePayloadSchemas = {
  'use.created': envelope('use.created', useResource),
  'use.feedback_given': envelope('use.feedback_given', useWithFeedback),
};
