import { z } from 'zod';

/** `YYYY-MM-DD`, a calendar date in Vietnam. */
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

/** Administrative unit code (see the unit directory). */
export const unitCode = z.string().min(2).max(12);

/** Substance classes used for addiction determinations (Circular 18/2021/TT-BYT). */
export const substanceClass = z.enum(['opioid', 'ats', 'cannabis', 'other']);
