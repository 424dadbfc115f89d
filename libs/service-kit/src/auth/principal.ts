import { z } from 'zod';

/** Agencies that act on the platform (docs/architecture.md section 5). */
export const agencies = [
  'police',
  'health',
  'labour',
  'commune',
  'court',
  'facility',
  'it',
] as const;
export type Agency = (typeof agencies)[number];

/** Claims we rely on; the identity provider may add more, which we ignore. */
export const principalClaimsSchema = z.object({
  sub: z.string().min(1),
  agency: z.enum(agencies),
  orgUnit: z.string().min(1),
  roles: z.array(z.string().min(1)).min(1),
});

/** Who is calling: the verified subject, their agency, administrative unit and roles. */
export type Principal = z.output<typeof principalClaimsSchema>;
