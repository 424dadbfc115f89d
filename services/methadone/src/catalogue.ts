import {
  assessmentDeterminationEvents,
  EventCatalogue,
  methadoneTreatmentEvents,
  registryPersonEvents,
} from '@rehab/events';

/** Events the methadone service publishes, and those it consumes (registry, assessment). */
export const methadoneCatalogue = new EventCatalogue([
  ...methadoneTreatmentEvents,
  ...registryPersonEvents,
  ...assessmentDeterminationEvents,
]);
