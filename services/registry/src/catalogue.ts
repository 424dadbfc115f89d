import {
  assessmentDeterminationEvents,
  EventCatalogue,
  methadoneTreatmentEvents,
  registryPersonEvents,
  treatmentCaseEvents,
  vocationalSupportEvents,
} from '@rehab/events';

/** The event types the registry publishes and those it consumes (validated on both sides). */
export const registryCatalogue = new EventCatalogue([
  ...registryPersonEvents,
  ...assessmentDeterminationEvents,
  ...treatmentCaseEvents,
  ...vocationalSupportEvents,
  ...methadoneTreatmentEvents,
]);
