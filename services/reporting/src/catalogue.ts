import {
  assessmentDeterminationEvents,
  assessmentDeterminationTopic,
  EventCatalogue,
  methadoneTreatmentEvents,
  methadoneTreatmentTopic,
  registryPersonEvents,
  registryPersonTopic,
  treatmentCaseEvents,
  treatmentCaseTopic,
  vocationalSupportEvents,
  vocationalSupportTopic,
} from '@rehab/events';

/**
 * Events the reporting service consumes (it publishes none). A new stream plugs in here:
 * its events and topic below, its facts mapped in app/project-event.ts, and the topic named
 * in the `sources` of the indicators.yaml entries that need it.
 */
export const reportingCatalogue = new EventCatalogue([
  ...registryPersonEvents,
  ...assessmentDeterminationEvents,
  ...treatmentCaseEvents,
  ...methadoneTreatmentEvents,
  ...vocationalSupportEvents,
]);

/** The topics the read models are built from. */
export const consumedTopics = [
  registryPersonTopic.name,
  assessmentDeterminationTopic.name,
  treatmentCaseTopic.name,
  methadoneTreatmentTopic.name,
  vocationalSupportTopic.name,
] as const;
