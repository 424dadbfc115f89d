import type { AuditTrail, UnitDirectory } from '@rehab/service-kit';
import { RuleViolationError, sharedErrors, type LocalDate } from '@rehab/domain-kit';
import { eventsFrom } from '@rehab/events';
import type { RegistryRules } from '../domain/registry-rules.ts';
import type { Clock, IdGenerator, NationalIdIndex, PersonRepository } from './ports.ts';

/** Everything the registry's use cases depend on; main.ts wires the real ones. */
export interface RegistryDeps {
  persons: PersonRepository;
  nationalIds: NationalIdIndex;
  rules: RegistryRules;
  units: UnitDirectory;
  audit: AuditTrail;
  clock: Clock;
  newId: IdGenerator;
}

/** Builds this service's events, validated against their schemas. */
export const personEvent = eventsFrom('registry');

/** A residence must be a commune the directory knows and that exists on the date. */
export function requireCommuneInForce(
  units: UnitDirectory,
  unitCode: string,
  on: LocalDate,
  field: string,
): void {
  const unit = units.get(unitCode);
  const inForce = unit && unit.validFrom <= on && (!unit.validTo || on <= unit.validTo);
  if (!unit || unit.level !== 'commune' || !inForce) {
    throw new RuleViolationError(sharedErrors.unknownUnit, {
      field,
      params: { unitCode, date: on },
    });
  }
}
