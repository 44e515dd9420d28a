import { z } from 'zod';
import { id } from '../../shared/catalogue-fields.js';
import { feedback } from './payloads.js';

export const useCreateBody = z.strictObject({ use: z.strictObject({ perk_id: id }) });
export const usePatchBody = z.strictObject({ use: z.strictObject({ feedback }) });
