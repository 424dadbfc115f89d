import {
  assessmentDeterminationEvents,
  EventCatalogue,
  methadoneTreatmentEvents,
  registryPersonEvents,
  treatmentCaseEvents,
} from '@rehab/events';

/** Events the treatment service publishes and those it consumes. */
export const treatmentCatalogue = new EventCatalogue([
  ...treatmentCaseEvents,
  ...assessmentDeterminationEvents,
  ...registryPersonEvents,
  ...methadoneTreatmentEvents,
]);
