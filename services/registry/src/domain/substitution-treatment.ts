// The person's methadone maintenance treatment (MMT) situation, as the methadone service
// announces it on methadone.treatment.v1: at which clinic, since when, and how it ended.
// Facts only: the police never see doses, tests or diagnoses, which stay with the health
// sector. A redelivered event changes nothing (its id is the timeline entry's).
import type { LocalDate } from '@rehab/domain-kit';
import type { Person } from './person.ts';
import { addToTimeline, timelineEntry } from './timeline.ts';

export type SubstitutionChange =
  'enrolled' | 'admitted' | 'refused' | 'discharged' | 'transferred' | 'completed';

/** One fact of the methadone stream, as the registry takes it. */
export interface SubstitutionFact {
  eventId: string;
  change: SubstitutionChange;
  patientId: string;
  clinicId: string;
  clinicUnitCode: string;
  on: LocalDate;
  /** Why treatment ended, as a category (discharges only). */
  reasonCategory?: string;
  legalRef?: string;
}

/** Where the person stands in MMT. */
export interface SubstitutionTreatment {
  patientId: string;
  clinicId: string;
  clinicUnitCode: string;
  status: 'applied' | 'on-mmt' | 'refused' | 'discharged' | 'completed';
  /** The first day of the current status (the admission for `on-mmt`). */
  since: LocalDate;
  enrolledOn?: LocalDate;
  admittedOn?: LocalDate;
  ended?: { on: LocalDate; how: 'refused' | 'discharged' | 'completed'; reasonCategory?: string };
}

const summaries: Record<SubstitutionChange, string> = {
  enrolled: 'Applied for methadone treatment',
  admitted: 'On methadone maintenance treatment (registered for substitution treatment)',
  refused: 'Methadone treatment application refused',
  discharged: 'Discharged from methadone treatment',
  transferred: 'Methadone treatment transferred to another clinic',
  completed: 'Methadone treatment completed',
};

function next(
  current: SubstitutionTreatment | undefined,
  fact: SubstitutionFact,
): SubstitutionTreatment {
  const base =
    current && current.patientId === fact.patientId
      ? current
      : {
          patientId: fact.patientId,
          clinicId: fact.clinicId,
          clinicUnitCode: fact.clinicUnitCode,
          status: 'applied' as const,
          since: fact.on,
        };
  const at = { clinicId: fact.clinicId, clinicUnitCode: fact.clinicUnitCode };
  switch (fact.change) {
    case 'enrolled':
      return { ...base, ...at, status: 'applied', since: fact.on, enrolledOn: fact.on };
    case 'admitted':
      return { ...base, ...at, status: 'on-mmt', since: fact.on, admittedOn: fact.on };
    case 'transferred':
      return { ...base, ...at };
    case 'refused':
    case 'discharged':
    case 'completed': {
      const how = fact.change;
      const ended = {
        on: fact.on,
        how,
        ...(fact.reasonCategory ? { reasonCategory: fact.reasonCategory } : {}),
      };
      return { ...base, ...at, status: how, since: fact.on, ended };
    }
  }
}

/** Applies the fact once: the MMT situation and one timeline line. */
export function applySubstitutionFact(
  person: Person,
  fact: SubstitutionFact,
  now: Date,
): { person: Person; applied: boolean } {
  if (person.timeline.some((entry) => entry.id === fact.eventId)) return { person, applied: false };
  const entry = timelineEntry(
    fact.eventId,
    fact.on,
    now,
    `methadone-${fact.change}`,
    summaries[fact.change],
    {
      clinicId: fact.clinicId,
      clinicUnitCode: fact.clinicUnitCode,
      ...(fact.reasonCategory ? { reasonCategory: fact.reasonCategory } : {}),
      ...(fact.legalRef ? { legalRef: fact.legalRef } : {}),
    },
    'methadone',
  );
  return {
    person: {
      ...person,
      substitutionTreatment: next(person.substitutionTreatment, fact),
      timeline: addToTimeline(person.timeline, entry),
      updatedAt: now.toISOString(),
    },
    applied: true,
  };
}
