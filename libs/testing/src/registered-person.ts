// A person made known to a service under test the way production does it: the registry's
// personRegistered event on the shared broker, projected by the service's own consumer.
import { createEvent, personRegistered, type EventPublisher } from '@rehab/events';
import { eventually } from './eventually.ts';

/** What a test says of the person; the registry registered them without a national ID. */
export interface RegisteredPersonFacts {
  fullName: string;
  dateOfBirth: string;
  sex: 'male' | 'female';
  residenceUnitCode: string;
}

/**
 * Publishes `personId` as registered by the provincial police and resolves once `persons`,
 * the service's projection, has them (or a minute has passed: the test's assertions then
 * show what is missing).
 */
export async function publishRegisteredPerson(
  publisher: EventPublisher,
  persons: { get(personId: string): Promise<unknown> },
  personId: string,
  person: RegisteredPersonFacts,
): Promise<void> {
  await publisher.publish([
    createEvent(personRegistered, {
      source: 'registry',
      subject: personId,
      actor: { agency: 'police', orgUnit: '99', sub: 'officer' },
      data: { personId, person: { ...person, hasNationalId: false } },
    }),
  ]);
  await eventually(
    () => persons.get(personId),
    (found) => found !== undefined,
    60_000,
  );
}
