// The person's support after rehab, as the vocational service announces it on
// vocational.support.v1 (counselling, training, job placement, preferential loan): one line
// on the timeline per support event, so officers see the support history beside the rehab
// history. The vocational service owns the records; a redelivered event adds nothing.
import type { LocalDate } from '@rehab/domain-kit';
import type { Person } from './person.ts';
import { addToTimeline, timelineEntry } from './timeline.ts';

/** A support given, as the vocational service announced it (no names, no free text). */
export interface SupportFact {
  eventId: string;
  supportId: string;
  kind: 'counselling' | 'training' | 'job-placement' | 'loan';
  on: LocalDate;
  unitCode: string;
  status?: string;
  amountVnd?: number;
}

const kindLabels: Record<SupportFact['kind'], string> = {
  counselling: 'Job counselling',
  training: 'Vocational training',
  'job-placement': 'Job placement',
  loan: 'Preferential loan (Decision 08/2026/QĐ-TTg)',
};

/** Adds the support to the timeline once (the entry's id is the event's). */
export function applySupportFact(
  person: Person,
  fact: SupportFact,
  now: Date,
): { person: Person; applied: boolean } {
  if (person.timeline.some((entry) => entry.id === fact.eventId)) return { person, applied: false };
  const details: Record<string, string | number> = {
    supportId: fact.supportId,
    supportKind: fact.kind,
    unitCode: fact.unitCode,
    ...(fact.status ? { status: fact.status } : {}),
    ...(fact.amountVnd ? { amountVnd: fact.amountVnd } : {}),
  };
  const summary = `${kindLabels[fact.kind]}${fact.status ? ` (${fact.status})` : ''}`;
  const entry = timelineEntry(
    fact.eventId,
    fact.on,
    now,
    'vocational-support',
    summary,
    details,
    'vocational',
  );
  return {
    person: {
      ...person,
      timeline: addToTimeline(person.timeline, entry),
      updatedAt: now.toISOString(),
    },
    applied: true,
  };
}
