// Events of the police registry's person stream (topic registry.person.v1). Keyed by
// personId so one person's history stays in order. They never carry a national ID
// number; names appear only where another agency needs them to identify the person.
import { z } from 'zod';
import { defineEvent, type TopicSpec } from '../catalogue.ts';
import { localDate, unitCode } from './shared.ts';

export const registryPersonTopic: TopicSpec = {
  name: 'registry.person.v1',
  partitions: 6,
  description:
    'Persons known to the police registry: identity, residence, management list, referrals',
};

const sex = z.enum(['male', 'female']);

/** The identifying facts other agencies keep in their projections of a person. */
export const personSnapshot = z.object({
  fullName: z.string().min(1),
  dateOfBirth: localDate,
  sex,
  ethnicity: z.string().optional(),
  residenceUnitCode: unitCode,
  hasNationalId: z.boolean(),
});

export const personRegistered = defineEvent({
  type: 'registry.person.registered.v1',
  topic: registryPersonTopic,
  summary: 'A person was entered in the master person index',
  schema: z.object({ personId: z.uuid(), person: personSnapshot }),
});

export const personUpdated = defineEvent({
  type: 'registry.person.updated.v1',
  topic: registryPersonTopic,
  summary: "A person's identifying facts were corrected",
  schema: z.object({
    personId: z.uuid(),
    person: personSnapshot,
    changedFields: z.array(z.string()).min(1),
  }),
});

const managementDecision = z.object({
  decisionId: z.uuid(),
  decisionDate: localDate,
  termEndsOn: localDate,
  unitCode,
  regime: z.string(),
  renewal: z.boolean(),
  legalRef: z.string(),
});

export const drugUseDetected = defineEvent({
  type: 'registry.person.drug-use-detected.v1',
  topic: registryPersonTopic,
  summary:
    'A positive test made the person an illegal drug user; a user-management decision was opened or renewed (Law 73/2021 Art. 23)',
  schema: z.object({
    personId: z.uuid(),
    detectionId: z.uuid(),
    detectedAt: localDate,
    sample: z.enum(['urine', 'blood']),
    substances: z.array(z.string().min(1)).min(1),
    unitCode,
    management: managementDecision,
  }),
});

export const movementKinds = [
  'residence-change',
  'absence',
  'imprisonment',
  'death',
  'declared-missing',
] as const;

export const personMoved = defineEvent({
  type: 'registry.person.moved.v1',
  topic: registryPersonTopic,
  summary:
    'A movement (di biến động): residence change, absence, imprisonment, death or declared missing',
  schema: z.object({
    personId: z.uuid(),
    movementId: z.uuid(),
    kind: z.enum(movementKinds),
    effectiveOn: localDate,
    fromUnitCode: unitCode,
    toUnitCode: unitCode.optional(),
    until: localDate.optional(),
    managementStopped: z
      .object({ decisionId: z.uuid(), reason: z.string(), legalRef: z.string() })
      .optional(),
    fileTransferDueBy: localDate.optional(),
  }),
});

export const referralReasons = [
  'repeat-use',
  'no-stable-residence',
  'education-measure',
  'post-rehab-use',
  'voluntary',
] as const;

export const determinationReferred = defineEvent({
  type: 'registry.person.determination-referred.v1',
  topic: registryPersonTopic,
  summary: 'The person was referred for addiction status determination (Law 73/2021 Art. 27)',
  schema: z.object({
    personId: z.uuid(),
    referralId: z.uuid(),
    reason: z.enum(referralReasons),
    mandatory: z.boolean(),
    referredOn: localDate,
    referringUnitCode: unitCode,
    person: personSnapshot,
    note: z.string().max(2000).optional(),
  }),
});

/** Every event type of the registry's person stream. */
export const registryPersonEvents = [
  personRegistered,
  personUpdated,
  drugUseDetected,
  personMoved,
  determinationReferred,
];
