import { z } from 'zod';
import { commonConfigShape, refineCommonConfig } from '@rehab/service-kit';

/** The reporting service's configuration: the shared settings, its rulebook and catalogue. */
export const reportingConfigSchema = z
  .object({
    ...commonConfigShape,
    PORT: commonConfigShape.PORT.default(3006),
    RULEBOOK_FILE: z.string().optional(),
    INDICATORS_FILE: z.string().optional(),
    DHIS2_MAPPING_FILE: z.string().optional(),
    /** The province's DHIS2 (e.g. https://dhis2.example.gov.vn); pushes are refused without it. */
    DHIS2_URL: z.url().optional(),
    DHIS2_USERNAME: z.string().min(1).optional(),
    /** A secret, so no default. */
    DHIS2_PASSWORD: z.string().min(1).optional(),
    DHIS2_PUSH_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
    DHIS2_PUSH_BACKOFF_MS: z.coerce.number().int().min(0).default(1000),
    /**
     * Events one rebuild pass keeps in memory: a larger province is replayed in several
     * passes, each holding a share of the persons (measured: a 1.4 GB heap for passes of
     * 1.4 million events, bench/reporting.bench.ts).
     */
    REBUILD_EVENTS_PER_PASS: z.coerce.number().int().min(1).default(2_000_000),
    /** The key of the pseudonyms (keyed hashes of person ids); a secret, so no default. */
    PSEUDONYM_KEY: z.string().min(16),
  })
  .superRefine(refineCommonConfig);

export type ReportingConfig = z.output<typeof reportingConfigSchema>;
