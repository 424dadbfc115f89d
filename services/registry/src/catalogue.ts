import { EventCatalogue, registryPersonEvents } from '@rehab/events';

/** The event types the registry publishes (and, later, consumes). */
export const registryCatalogue = new EventCatalogue([...registryPersonEvents]);
