import { assessmentDeterminationEvents, EventCatalogue, registryPersonEvents } from '@rehab/events';

/** Events the assessment service publishes and those it consumes from the registry. */
export const assessmentCatalogue = new EventCatalogue([
  ...assessmentDeterminationEvents,
  ...registryPersonEvents,
]);
