import type { RouteContext } from '@rehab/service-kit';
import type { Caller } from '../app/deps.ts';

/** The caller of a route as the use cases take it. */
export const callerOf = (
  ctx: Pick<RouteContext<unknown, unknown, unknown>, 'principal' | 'requireJurisdiction'>,
): Caller => ({
  principal: ctx.principal,
  requireJurisdiction: ctx.requireJurisdiction,
});
