import {
  assessmentDeterminationEvents,
  EventCatalogue,
  registryPersonEvents,
  treatmentCaseEvents,
} from '@rehab/events';

/** The event types the registry publishes and those it consumes (validated on both sides). */
export const registryCatalogue = new EventCatalogue([
  ...registryPersonEvents,
  ...assessmentDeterminationEvents,
  ...treatmentCaseEvents,
]);
