import { RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import { requirePastFact } from './dates-guard.ts';
import { registryErrors } from './errors.ts';
import { requireActivePerson } from './lifecycle-guard.ts';
import { managementStatusOn } from './management.ts';
import { residenceOn, type Person, type Referral } from './person.ts';
import { addToTimeline, timelineEntry } from './timeline.ts';

/**
 * Grounds for addiction status determination (Law 73/2021 Art. 27): the first four make
 * it mandatory; a voluntary request is the person's own.
 */
export const referralReasons = {
  'repeat-use': { mandatory: true, legalRef: 'Law 73/2021/QH14 Art. 27(1)(a)' },
  'no-stable-residence': { mandatory: true, legalRef: 'Law 73/2021/QH14 Art. 27(1)(b)' },
  'education-measure': { mandatory: true, legalRef: 'Law 73/2021/QH14 Art. 27(1)(c)' },
  'post-rehab-use': { mandatory: true, legalRef: 'Law 73/2021/QH14 Art. 27(1)(d)' },
  voluntary: { mandatory: false, legalRef: 'Law 73/2021/QH14 Art. 27(2)' },
} as const;
export type ReferralReason = keyof typeof referralReasons;

export interface ReferralInput {
  reason: ReferralReason;
  referredOn: LocalDate;
  note?: string | undefined;
}

/**
 * Refers a person for determination. "Repeat use" is checkable here: it needs a
 * management term that was renewed by new use and is running on the referral date.
 * The other grounds rest on facts held by other agencies or on the officer's finding.
 */
export function referForDetermination(
  person: Person,
  input: ReferralInput,
  ids: { referralId: string; entryId: string },
  now: Date,
  today: LocalDate,
): { person: Person; referral: Referral } {
  requireActivePerson(person);
  requirePastFact('referredOn', input.referredOn, today, person.dateOfBirth);
  const { mandatory, legalRef } = referralReasons[input.reason];
  if (input.reason === 'repeat-use') {
    const status = managementStatusOn(person.managementDecisions, input.referredOn);
    if (status.status !== 'active' || !status.decision.renewsDecisionId) {
      throw new RuleViolationError(registryErrors.referralNotJustified, {
        field: 'reason',
        legalRef,
        params: {
          reason: input.reason,
          requirement: 'use detected again during a running management term',
          legalRef,
        },
      });
    }
  }
  const referral: Referral = {
    id: ids.referralId,
    reason: input.reason,
    mandatory,
    referredOn: input.referredOn,
    referringUnitCode: residenceOn(person, input.referredOn).unitCode,
    ...(input.note ? { note: input.note } : {}),
  };
  return {
    referral,
    person: {
      ...person,
      referrals: [...person.referrals, referral],
      timeline: addToTimeline(
        person.timeline,
        timelineEntry(
          ids.entryId,
          input.referredOn,
          now,
          'determination-referred',
          `Referred for addiction determination (${input.reason})`,
          {
            reason: input.reason,
            mandatory,
            legalRef,
          },
        ),
      ),
      updatedAt: now.toISOString(),
    },
  };
}
