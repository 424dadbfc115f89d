import { z } from 'zod';
import { commonConfigShape, refineCommonConfig } from '@rehab/service-kit';

/** The assessment service's configuration: the shared settings and its rulebook. */
export const assessmentConfigSchema = z
  .object({
    ...commonConfigShape,
    PORT: commonConfigShape.PORT.default(3002),
    RULEBOOK_FILE: z.string().optional(),
  })
  .superRefine(refineCommonConfig);

export type AssessmentConfig = z.output<typeof assessmentConfigSchema>;
