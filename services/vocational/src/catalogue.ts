import {
  EventCatalogue,
  methadoneTreatmentEvents,
  registryPersonEvents,
  treatmentCaseEvents,
  vocationalSupportEvents,
} from '@rehab/events';

/** Events the vocational service publishes, and those it consumes. */
export const vocationalCatalogue = new EventCatalogue([
  ...vocationalSupportEvents,
  ...registryPersonEvents,
  ...treatmentCaseEvents,
  ...methadoneTreatmentEvents,
]);
