import { z } from 'zod';
import { commonConfigShape, refineCommonConfig } from '@rehab/service-kit';

/** The methadone service's configuration: the shared settings, its rulebook and the sweep. */
export const methadoneConfigSchema = z
  .object({
    ...commonConfigShape,
    PORT: commonConfigShape.PORT.default(3004),
    RULEBOOK_FILE: z.string().optional(),
    /** How often the missed-dose sweep runs (it is idempotent; hourly by default). */
    SWEEP_INTERVAL_MS: z.coerce.number().int().min(1_000).default(3_600_000),
  })
  .superRefine(refineCommonConfig);

export type MethadoneConfig = z.output<typeof methadoneConfigSchema>;
