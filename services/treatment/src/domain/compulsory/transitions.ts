// The compulsory-placement case (hồ sơ đề nghị và thi hành biện pháp đưa vào cơ sở cai nghiện
// bắt buộc) as a state machine table: for each event, the states it may start from, where it
// leads, its guard and the legal reference. Guards that need facts (dates, actors, ages)
// are checked by the step functions; this table alone decides the order of steps.
import { RuleViolationError, type ErrorCode } from '@rehab/domain-kit';
import { compulsoryErrors } from './errors.ts';

export type PlacementState =
  | 'dossier-in-preparation'
  | 'family-review'
  | 'dossier-compiled'
  | 'appraised'
  | 'submitted-to-court'
  | 'court-decided'
  | 'court-refused'
  | 'admission-deferred'
  | 'absconded-before-admission'
  | 'postponed'
  | 'exempted'
  | 'admitted'
  | 'absconded'
  | 'suspended'
  | 'released';

const AWAITING_ADMISSION = ['court-decided', 'admission-deferred'] as const;

/** The transition table. */
export const placementTransitions = {
  'record-interim-management': {
    from: [
      'dossier-in-preparation',
      'family-review',
      'dossier-compiled',
      'appraised',
      'submitted-to-court',
    ],
    to: 'same',
    guard: 'by the family or at a facility; facility days count toward the term',
    legalRef: 'Law 73/2021/QH14 Art. 35',
  },
  'compile-dossier': {
    from: ['dossier-in-preparation'],
    to: 'dossier-compiled | family-review (minor)',
    guard:
      "the regime's compiler; violation record, CV, addiction result, statements; late after 5 working days is flagged",
    legalRef: 'Law 73/2021/QH14 Art. 32, 34; Decree 116/2021/ND-CP; Decree 02/2025/ND-CP',
  },
  'record-child-rights-opinion': {
    from: ['dossier-in-preparation', 'family-review'],
    to: 'same',
    guard: "minor only; attached to the dossier before the family's review closes",
    legalRef: 'Law 73/2021/QH14 Art. 34',
  },
  'close-family-review': {
    from: ['family-review'],
    to: 'dossier-compiled',
    guard:
      'minor only; 3 working days passed or the family has read it; child-rights opinion attached',
    legalRef: 'Law 73/2021/QH14 Art. 34',
  },
  appraise: {
    from: ['dossier-compiled'],
    to: 'appraised',
    guard: 'only when the regime names an appraiser (LAW-2021: the labour division), by that actor',
    legalRef: 'Decree 116/2021/ND-CP; none under Decree 02/2025/ND-CP',
  },
  'submit-to-court': {
    from: ['dossier-compiled', 'appraised'],
    to: 'submitted-to-court',
    guard:
      'after appraisal by the appraiser, or straight from the compiler when the regime has no appraiser',
    legalRef: 'Law 73/2021/QH14 Art. 32, 34; Decree 02/2025/ND-CP',
  },
  'court-decide': {
    from: ['submitted-to-court'],
    to: 'court-decided',
    guard: "the regime's court; the term within the age group's range",
    legalRef: 'Law 73/2021/QH14 Art. 32, 33; Law 120/2025/QH15',
  },
  'court-refuse': {
    from: ['submitted-to-court'],
    to: 'court-refused',
    guard: "the regime's court",
    legalRef: 'Law 73/2021/QH14 Art. 32, 34',
  },
  'defer-admission': {
    from: ['court-decided'],
    to: 'admission-deferred',
    guard: 'the facility is full; at most 3 months from the decision',
    legalRef: 'Decree 116/2021/ND-CP',
  },
  admit: {
    from: AWAITING_ADMISSION,
    to: 'admitted',
    guard: 'within 5 days of the decision (late is flagged) or by the deferral date',
    legalRef: 'Decree 116/2021/ND-CP (form 40)',
  },
  postpone: {
    from: AWAITING_ADMISSION,
    to: 'postponed',
    guard: 'serious illness or family hardship',
    legalRef: 'Law 73/2021/QH14 Art. 32; Decree 116/2021/ND-CP',
  },
  'end-postponement': {
    from: ['postponed'],
    to: 'court-decided',
    guard: 'the ground has ended; a new admission deadline runs',
    legalRef: 'Decree 116/2021/ND-CP',
  },
  exempt: {
    from: ['court-decided', 'admission-deferred', 'postponed'],
    to: 'exempted',
    guard: 'voluntary rehab completed during postponement (only from postponed), or pregnancy',
    legalRef: 'Law 73/2021/QH14 Art. 32; Decree 116/2021/ND-CP',
  },
  'abscond-before-admission': {
    from: AWAITING_ADMISSION,
    to: 'absconded-before-admission',
    guard: 'search decision by the police where the dossier was made',
    legalRef: 'Decree 116/2021/ND-CP (form 41)',
  },
  'return-before-admission': {
    from: ['absconded-before-admission'],
    to: 'court-decided',
    guard: 'found or came back; a new admission deadline runs',
    legalRef: 'Decree 116/2021/ND-CP',
  },
  abscond: {
    from: ['admitted'],
    to: 'absconded',
    guard: 'search decision by the facility director; the days absent do not count',
    legalRef: 'Decree 116/2021/ND-CP (form 41)',
  },
  return: {
    from: ['absconded'],
    to: 'admitted',
    guard: 'found or came back; the end date moves by the days absent',
    legalRef: 'Decree 116/2021/ND-CP',
  },
  'record-review': {
    from: ['admitted', 'absconded', 'suspended'],
    to: 'same',
    guard: 'list posted at least 5 working days before it goes to the court; every 3 months',
    legalRef: 'Decree 116/2021/ND-CP Art. 58',
  },
  'reduce-term': {
    from: ['admitted'],
    to: 'admitted',
    guard:
      'through a review; half the term served; last 3+ months good; 1-3 months, 3-6 with merit',
    legalRef: 'Decree 116/2021/ND-CP Art. 58',
  },
  'suspend-for-hospital': {
    from: ['admitted'],
    to: 'suspended',
    guard: 'a hospital stay over 10 days',
    legalRef: 'Decree 116/2021/ND-CP Art. 58',
  },
  resume: {
    from: ['suspended'],
    to: 'admitted',
    guard: 'at least 3 months of the term remain',
    legalRef: 'Decree 116/2021/ND-CP Art. 58',
  },
  'excuse-remainder': {
    from: ['suspended'],
    to: 'released',
    guard: 'less than 3 months of the term remain at the end of the hospital stay',
    legalRef: 'Decree 116/2021/ND-CP Art. 58',
  },
  'notify-release': {
    from: ['admitted'],
    to: 'same',
    guard: 'court, commune and family notified at least 15 days before the end (late is flagged)',
    legalRef: 'Decree 116/2021/ND-CP (form 46)',
  },
  release: {
    from: ['admitted'],
    to: 'released',
    guard: 'on or after the end date, with a release certificate',
    legalRef: 'Decree 116/2021/ND-CP (forms 46, 47)',
  },
} as const satisfies Record<
  string,
  { from: readonly PlacementState[]; to: string; guard: string; legalRef: string }
>;

export type PlacementEvent = keyof typeof placementTransitions;

// Common out-of-order steps get their own stable codes; the rest share step-out-of-order.
const SPECIFIC_CODES: Partial<Record<PlacementEvent, ErrorCode>> = {
  admit: compulsoryErrors.admissionBeforeCourtDecision,
  'court-decide': compulsoryErrors.courtDecisionBeforeSubmission,
  'court-refuse': compulsoryErrors.courtDecisionBeforeSubmission,
  release: compulsoryErrors.releaseBeforeAdmission,
};
const BEFORE_COURT: readonly PlacementState[] = [
  'dossier-in-preparation',
  'family-review',
  'dossier-compiled',
  'appraised',
  'submitted-to-court',
];

/** Refuses `event` from `state` with a stable code unless the table allows it. */
export function requireTransition(state: PlacementState, event: PlacementEvent): void {
  const rule = placementTransitions[event];
  if ((rule.from as readonly PlacementState[]).includes(state)) return;
  const specific = SPECIFIC_CODES[event];
  const early =
    (event === 'admit' && BEFORE_COURT.includes(state)) ||
    ((event === 'court-decide' || event === 'court-refuse') && BEFORE_COURT.includes(state)) ||
    (event === 'release' &&
      [...BEFORE_COURT, 'court-decided', 'admission-deferred'].includes(state));
  throw new RuleViolationError(specific && early ? specific : compulsoryErrors.stepOutOfOrder, {
    params: { event, state },
    legalRef: rule.legalRef,
  });
}
