import { z } from 'zod';
import { commonConfigShape, refineCommonConfig } from '@rehab/service-kit';

/** The registry's configuration: the shared settings plus the national-ID key (a secret, no default). */
export const registryConfigSchema = z
  .object({
    ...commonConfigShape,
    PORT: commonConfigShape.PORT.default(3001),
    /** Base64 of 32+ random bytes; encrypts national ID numbers and keys their lookup hash. */
    NATIONAL_ID_KEY: z
      .string()
      .refine(
        (value) => Buffer.from(value, 'base64').length >= 32,
        'must be base64 of at least 32 bytes',
      ),
    RULEBOOK_FILE: z.string().optional(),
  })
  .superRefine(refineCommonConfig);

export type RegistryConfig = z.output<typeof registryConfigSchema>;
