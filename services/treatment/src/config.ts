import { z } from 'zod';
import { commonConfigShape, refineCommonConfig } from '@rehab/service-kit';

/** The treatment service's configuration: the shared settings and its rulebook. */
export const treatmentConfigSchema = z
  .object({
    ...commonConfigShape,
    PORT: commonConfigShape.PORT.default(3003),
    RULEBOOK_FILE: z.string().optional(),
    COMPULSORY_RULEBOOK_FILE: z.string().optional(),
    /** How often overdue deadlines are swept (the sweep is idempotent). */
    SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(3_600_000),
  })
  .superRefine(refineCommonConfig);

export type TreatmentConfig = z.output<typeof treatmentConfigSchema>;
