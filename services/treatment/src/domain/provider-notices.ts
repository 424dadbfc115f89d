// Providers of voluntary rehab (a facility, or a provider responsible for home/community
// rehab) notify the commune of the start, quitting or completion within 5 working days
// (Decree 116/2021/ND-CP Art. 28). The service records each obligation when the event
// happens and whether the notice came late; a late notice is kept, not refused.
import { isAfter, RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import { requireNotBefore, type DueItem } from './case-base.ts';
import { treatmentErrors } from './errors.ts';
import type { CaseRules } from './treatment-rules.ts';
import type { VoluntaryCase } from './voluntary-rehab.ts';

export type NoticeSubject = 'start' | 'quitting' | 'completion';

/** One notice a provider owes the commune. */
export interface NoticeObligation {
  about: NoticeSubject;
  eventOn: LocalDate;
  noticeDueBy: LocalDate;
  legalRef: string;
  noticedOn?: LocalDate;
  noticeLate?: boolean;
}

/** Whether a provider (not only the commune's own official) runs the episode. */
export function hasProvider(kase: VoluntaryCase): boolean {
  return kase.kind === 'voluntary-facility' || kase.decision?.responsible.kind === 'provider';
}

/** Adds the notice obligation for `about` when the episode has a provider. */
export function withNoticeObligation(
  kase: VoluntaryCase,
  about: NoticeSubject,
  eventOn: LocalDate,
  rules: CaseRules,
): VoluntaryCase {
  if (!hasProvider(kase)) return kase;
  const due = rules.providerNoticeDeadline(eventOn);
  const obligation: NoticeObligation = {
    about,
    eventOn,
    noticeDueBy: due.date,
    legalRef: due.legalRef,
  };
  return { ...kase, notices: [...kase.notices, obligation] };
}

/** Records the provider's notice about `about`, flagging it late after the due date. */
export function recordProviderNotice(
  kase: VoluntaryCase,
  notice: { about: NoticeSubject; noticedOn: LocalDate },
): VoluntaryCase {
  const index = kase.notices.findIndex((n) => n.about === notice.about && !n.noticedOn);
  const owed = kase.notices[index];
  if (!owed) {
    throw new RuleViolationError(treatmentErrors.noticeNotOwed, {
      params: { about: notice.about },
    });
  }
  requireNotBefore('noticedOn', notice.noticedOn, `the ${notice.about}`, owed.eventOn);
  const noticeLate = isAfter(notice.noticedOn, owed.noticeDueBy);
  const given: NoticeObligation = { ...owed, noticedOn: notice.noticedOn, noticeLate };
  return {
    ...kase,
    notices: kase.notices.map((n, i) => (i === index ? given : n)),
    timeline: [
      ...kase.timeline,
      {
        on: notice.noticedOn,
        event: `provider-notice-${notice.about}${noticeLate ? '-late' : ''}`,
        actor: 'provider',
        legalRef: owed.legalRef,
      },
    ],
  };
}

/** Notices still owed, as due items. */
export function noticeDueItems(kase: VoluntaryCase, today: LocalDate): DueItem[] {
  return kase.notices
    .filter((n) => !n.noticedOn)
    .map((n) => ({
      what: `provider-notice-${n.about}`,
      dueBy: n.noticeDueBy,
      actor: 'provider',
      overdue: isAfter(today, n.noticeDueBy),
      legalRef: n.legalRef,
    }));
}
