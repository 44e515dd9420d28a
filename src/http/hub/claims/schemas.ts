import { z } from 'zod';
import { CLAIM_CODES } from '../../../domain/hub/claims/events.js';
import { paginationSchema } from '../../conventions/pagination.js';
import { debitAmount } from '../receipts/schemas.js';

/** 10 MB of bytes in base64. */
const MAX_ATTACHMENT_BASE64 = Math.ceil((10 * 1024 * 1024) / 3) * 4;

export const claimBody = z.strictObject({
  storeId: z.string().trim().min(1).max(100),
  amount: debitAmount,
  transactionDate: z.iso.date(),
  externalId: z.string().trim().min(1).max(255).optional(),
  additionalFeedback: z.string().max(255).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  attachment: z
    .string()
    .max(MAX_ATTACHMENT_BASE64, 'an attachment is at most 10 MB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64')
    .optional(),
});

export const claimParam = z.object({ claimId: z.uuid() });
export const claimsQuery = paginationSchema.extend({ status: z.enum(['pending', 'validated', 'rejected']).optional() });
export const validateBody = z.strictObject({ transactionId: z.uuid().optional() }).optional();
export const rejectBody = z.strictObject({
  code: z.enum(CLAIM_CODES),
  rejectionReason: z.string().trim().min(1).max(255).optional(),
});
