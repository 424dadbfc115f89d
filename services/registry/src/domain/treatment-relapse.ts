// Use detected during post-rehab management (tái nghiện): the treatment service reports it
// and the police refer the person for addiction determination, a mandatory ground
// (Law 73/2021/QH14 Art. 27(1)(d)); the result feeds compulsory placement (Art. 32).
import type { LocalDate } from '@rehab/domain-kit';
import type { Person, Referral } from './person.ts';
import { referForDetermination } from './referral.ts';
import { addToTimeline, timelineEntry } from './timeline.ts';

/** A relapse as the treatment service reports it. */
export interface RelapseReport {
  caseId: string;
  /** The commune responsible for the post-rehab case. */
  unitCode: string;
  detectedOn: LocalDate;
  legalRef: string;
}

export const relapseEntryKind = 'treatment-relapse-detected';

/** Whether the relapse of this post-rehab case is already on the record. */
export function relapseRecorded(person: Person, caseId: string): boolean {
  return person.timeline.some(
    (entry) => entry.kind === relapseEntryKind && entry.details.caseId === caseId,
  );
}

/**
 * Records a relapse once per post-rehab case (a case relapses at most once: "relapsed"
 * ends it) and refers the person with reason "post-rehab-use" on the detection date. A
 * person recorded as deceased or missing is closed to new referrals, so the relapse is
 * only recorded, with the reason no referral was opened.
 */
export function recordRelapse(
  person: Person,
  relapse: RelapseReport,
  ids: { referralId: string; entryId: string; referralEntryId: string },
  now: Date,
  today: LocalDate,
): { person: Person; applied: boolean; referral?: Referral } {
  if (relapseRecorded(person, relapse.caseId)) return { person, applied: false };
  const details: Record<string, string> = {
    caseId: relapse.caseId,
    unitCode: relapse.unitCode,
    legalRef: relapse.legalRef,
  };
  let next: Person = person;
  let referral: Referral | undefined;
  if (person.lifeStatus === 'active') {
    const referred = referForDetermination(
      person,
      {
        reason: 'post-rehab-use',
        referredOn: relapse.detectedOn,
        note: `Relapse during post-rehab management (treatment case ${relapse.caseId}; ${relapse.legalRef})`,
      },
      { referralId: ids.referralId, entryId: ids.referralEntryId },
      now,
      today,
    );
    referral = { ...referred.referral, treatmentCaseId: relapse.caseId };
    const opened = referral;
    next = {
      ...referred.person,
      referrals: referred.person.referrals.map((r) => (r.id === opened.id ? opened : r)),
    };
    details.referralId = referral.id;
  } else {
    details.referralNotOpened = `person-${person.lifeStatus}`;
  }
  const entry = timelineEntry(
    ids.entryId,
    relapse.detectedOn,
    now,
    relapseEntryKind,
    'Drug use detected during post-rehab management (relapse)',
    details,
    'treatment',
  );
  return {
    person: {
      ...next,
      timeline: addToTimeline(next.timeline, entry),
      updatedAt: now.toISOString(),
    },
    applied: true,
    ...(referral ? { referral } : {}),
  };
}
