import type { LocalDate } from '@rehab/domain-kit';
import type { IndicatorCatalogue } from '../domain/indicators.ts';
import type { ReportingRules } from '../domain/reporting-rules.ts';
import type { UnitLookup } from '../domain/units.ts';
import type {
  ActivityStore,
  GenerationPointer,
  ReadModelStore,
  ReportVersionStore,
  TargetStore,
} from './ports.ts';

/** Everything the reporting use cases depend on; service.ts wires the real ones. */
export interface ReportingDeps {
  catalogue: IndicatorCatalogue;
  rules: ReportingRules;
  units: UnitLookup;
  /** The read models of a generation (the active one answers queries). */
  readModels(generation: string): ReadModelStore;
  generations: GenerationPointer;
  targets: TargetStore;
  activities: ActivityStore;
  reports: ReportVersionStore;
  /** Topics this instance consumes: figures needing any other are unavailable. */
  consumedTopics: ReadonlySet<string>;
  pseudonym(personId: string): string;
  clock: { now(): Date; today(): LocalDate };
  /** Tests only: a failure injected between an event's counter writes (apply-event.ts). */
  faults?: { afterSeriesWrite?(pseudonym: string): void };
}
