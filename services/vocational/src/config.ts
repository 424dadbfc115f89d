import { z } from 'zod';
import { commonConfigShape, refineCommonConfig } from '@rehab/service-kit';

/** The vocational service's configuration: the shared settings and its rulebook. */
export const vocationalConfigSchema = z
  .object({
    ...commonConfigShape,
    PORT: commonConfigShape.PORT.default(3005),
    RULEBOOK_FILE: z.string().optional(),
  })
  .superRefine(refineCommonConfig);

export type VocationalConfig = z.output<typeof vocationalConfigSchema>;
