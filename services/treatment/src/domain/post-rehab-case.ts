// The post-rehab case record and its state machine (quản lý sau cai nghiện ma túy; Law
// 73/2021/QH14 Art. 40, 43; Decree 116/2021/ND-CP Art. 77-82). The steps that move it are
// in post-rehab.ts (opening, report-in, file, decision) and post-rehab-management.ts.
import { errorCode, type LocalDate } from '@rehab/domain-kit';
import {
  requireNotBefore,
  requireTransition,
  type CaseBase,
  type Transition,
} from './case-base.ts';
import type { PostRehabOrigin } from './treatment-rules.ts';

export const postRehabStates = [
  'awaiting-report',
  'awaiting-file',
  'awaiting-decision',
  'under-management',
  'completed',
  'relapsed',
  'removed',
] as const;
export type PostRehabState = (typeof postRehabStates)[number];

export const POST_REHAB_STEPS_REF = 'Law 73/2021/QH14 Art. 40; Decree 116/2021/ND-CP Art. 77-82';

/** States in which the person is still on (or about to be entered on) the list. */
export const postRehabActiveStates: readonly PostRehabState[] = [
  'awaiting-report',
  'awaiting-file',
  'awaiting-decision',
  'under-management',
];

export const postRehabOrigins = [
  'voluntary',
  'methadone',
  'compulsory-adult',
  'compulsory-minor',
] as const satisfies readonly PostRehabOrigin[];

export const supportNeeds = ['schooling', 'vocational-training', 'job', 'loan'] as const;
export type SupportNeed = (typeof supportNeeds)[number];

export const removalReasons = ['imprisoned', 'moved-away', 'died', 'declared-missing'] as const;
export type RemovalReason = (typeof removalReasons)[number];

/** The post-rehab state machine. */
export const postRehabTransitions = {
  'report-in': {
    from: ['awaiting-report'],
    to: 'awaiting-file',
    guard:
      'released from compulsory rehab; reported on or after release (late if after 5 working days)',
    legalRef: POST_REHAB_STEPS_REF,
  },
  'open-file': {
    from: ['awaiting-file'],
    to: 'awaiting-decision',
    guard: 'police proposal (form 50) on or after the report or completion',
    legalRef: POST_REHAB_STEPS_REF,
  },
  decide: {
    from: ['awaiting-decision'],
    to: 'under-management',
    guard: 'by the actor the regime names, on or after the proposal; term by origin and age',
    legalRef: 'Law 73/2021/QH14 Art. 40; Decree 116/2021/ND-CP (form 51)',
  },
  'assign-helper': {
    from: ['under-management'],
    to: 'under-management',
    guard: 'the helper helps fewer than the maximum (2) persons',
    legalRef: POST_REHAB_STEPS_REF,
  },
  'record-contact': {
    from: ['under-management'],
    to: 'under-management',
    guard: 'none',
    legalRef: POST_REHAB_STEPS_REF,
  },
  'record-absence': {
    from: ['under-management'],
    to: 'under-management',
    guard:
      'no overlap with a recorded absence; an unreported absence extends the term by the days absent',
    legalRef: POST_REHAB_STEPS_REF,
  },
  'record-support-need': {
    from: ['under-management'],
    to: 'under-management',
    guard: 'none',
    legalRef: POST_REHAB_STEPS_REF,
  },
  'negative-test': {
    from: ['under-management'],
    to: 'under-management',
    guard: 'none',
    legalRef: POST_REHAB_STEPS_REF,
  },
  relapse: {
    from: ['under-management'],
    to: 'relapsed',
    guard: 'a positive test: determination referral; compulsory trigger for adults',
    legalRef: 'Law 73/2021/QH14 Art. 27, 32',
  },
  complete: {
    from: ['under-management'],
    to: 'completed',
    guard: 'the term (with any extension) has ended with no use detected; certificate form 54',
    legalRef: POST_REHAB_STEPS_REF,
  },
  remove: {
    from: postRehabActiveStates,
    to: 'removed',
    guard: 'imprisoned, moved away, died or declared missing',
    legalRef: POST_REHAB_STEPS_REF,
  },
} as const satisfies Record<string, Transition<PostRehabState>>;

export type PostRehabStep = keyof typeof postRehabTransitions;

/** Checks a step during management: the table allows it and it is dated after the decision. */
export function beginPostRehabStep(
  kase: PostRehabCase,
  event: PostRehabStep,
  on: LocalDate,
): Transition<PostRehabState> {
  const transition = requireTransition(kase.kind, kase.state, event, postRehabTransitions);
  if (kase.term) requireNotBefore('on', on, 'the decision', kase.term.startsOn);
  return transition;
}

export interface PostRehabTerm {
  startsOn: LocalDate;
  /** End of the term as decided, before extensions. */
  baseEndsOn: LocalDate;
  /** End including the days of unreported absence. */
  endsOn: LocalDate;
  extensionDays: number;
  legalRef: string;
  confirmed: boolean;
}

export interface PostRehabAbsence {
  from: LocalDate;
  to: LocalDate;
  reported: boolean;
  days: number;
  /** The reason the person gave when reporting it (Decree 116/2021 Art. 77-82). */
  reason?: string;
}

export interface PostRehabCase extends CaseBase<'post-rehab', PostRehabState> {
  origin: PostRehabOrigin;
  dateOfBirth: LocalDate;
  /** The day rehab ended: release from compulsory rehab, or the completion certificate. */
  rehabEndedOn: LocalDate;
  /** The release or completion document the case was opened from, e.g. a paper record. */
  sourceReference?: string;
  decisionActor: string;
  certifier: string;
  reportInDueBy?: LocalDate;
  report?: { on: LocalDate; late: boolean };
  fileDueBy?: LocalDate;
  file?: { openedOn: LocalDate; late: boolean };
  decisionDueBy?: LocalDate;
  decision?: { on: LocalDate; by: string; late: boolean };
  term?: PostRehabTerm;
  helper?: { id: string; assignedOn: LocalDate };
  contacts: { on: LocalDate; kind: 'contact' | 'test'; positive?: boolean }[];
  absences: PostRehabAbsence[];
  supportNeeds: { need: SupportNeed; recordedOn: LocalDate }[];
  certificate?: {
    id: string;
    issuedOn: LocalDate;
    issuer: string;
    form: '54';
    legalRef: string;
  };
  removal?: { on: LocalDate; reason: RemovalReason };
}

/** The facts of a rehab that ended, which open post-rehab management. */
export interface RehabEnded {
  caseId: string;
  personId: string;
  unitCode: string;
  origin: PostRehabOrigin;
  rehabEndedOn: LocalDate;
  dateOfBirth: LocalDate;
  sourceReference?: string | undefined;
}

export const postRehabErrors = {
  originAgeMismatch: errorCode(
    'post-rehab-origin-age-mismatch',
    'A person aged {age} when rehab ended cannot come from {origin} rehab (it applies from age {minimum})',
    'Người {age} tuổi khi kết thúc cai nghiện không thể thuộc diện {origin} (chỉ áp dụng từ đủ {minimum} tuổi)',
  ),
  absenceOverlaps: errorCode(
    'absence-overlaps',
    'The absence {from} to {to} overlaps the absence already recorded from {otherFrom} to {otherTo}',
    'Thời gian vắng mặt {from} đến {to} trùng với thời gian vắng mặt đã ghi nhận từ {otherFrom} đến {otherTo}',
  ),
} as const;
