// Who a caller is in the law's terms. The policy file decides which agencies and roles may
// call an operation; the rulebook names which office must take a step under the case's
// regime (e.g. the commune chairman under LAW-2021, the commune police chief under
// TRANSFER-2025). This table joins the two: the token's agency and role give the office.
import type { Principal } from '@rehab/service-kit';

/** `agency:role` of a token → the office the rulebooks name. */
export const officeOfRole: Readonly<Record<string, string>> = {
  'commune:chairman': 'commune-chairman',
  'police:commune-chief': 'commune-police-chief',
  'police:district-chief': 'district-police-chief',
  'police:provincial-director': 'provincial-police-director',
  'labour:division-head': 'labour-division-head',
  'court:district-judge': 'district-people-court',
  'court:regional-judge': 'regional-people-court',
  'facility:director': 'facility-director',
};

/**
 * The office the caller holds, checked by the domain against the one the regime names. A
 * caller with no such office is named `agency:role`, which no rule names, so a step that
 * needs an office is refused with the office it needs.
 */
export function officeOf(principal: Pick<Principal, 'agency' | 'roles'>): string {
  for (const role of principal.roles) {
    const office = officeOfRole[`${principal.agency}:${role}`];
    if (office) return office;
  }
  return `${principal.agency}:${principal.roles[0] ?? 'unknown'}`;
}
