import { z } from 'zod';

/* The text fields every giving body shares. */
export const text = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
export { email } from '../shared/fields.js';
