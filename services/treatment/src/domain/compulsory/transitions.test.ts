import { describe, expect, it } from 'vitest';
import {
  abscondBeforeAdmission,
  decideByCourt,
  deferAdmission,
  endPostponement,
  exempt,
  postpone,
  refuseByCourt,
  returnBeforeAdmission,
} from './court.ts';
import {
  appraiseDossier,
  closeFamilyReview,
  compileDossier,
  recordChildRightsOpinion,
  recordInterimManagement,
} from './dossier.ts';
import { excuseRemainder, resumeAfterHospital, suspendForHospital } from './hospital.ts';
import { REQUIRED_DOCUMENTS, type CompulsoryPlacement } from './placement.ts';
import {
  abscond,
  notifyRelease,
  recordReview,
  reduceTerm,
  release,
  returnToFacility,
} from './term.ts';
import {
  placementTransitions,
  requireTransition,
  type PlacementEvent,
  type PlacementState,
} from './transitions.ts';
import { admittedAdult, expectDomainError, open, rules, submittedAdult } from './test-support.ts';

const states: PlacementState[] = [
  'dossier-in-preparation',
  'family-review',
  'dossier-compiled',
  'appraised',
  'submitted-to-court',
  'court-decided',
  'court-refused',
  'admission-deferred',
  'absconded-before-admission',
  'postponed',
  'exempted',
  'admitted',
  'absconded',
  'suspended',
  'released',
];
const events = Object.keys(placementTransitions) as PlacementEvent[];
const allows = (event: PlacementEvent, state: PlacementState) =>
  (placementTransitions[event].from as readonly PlacementState[]).includes(state);

// The stable codes of the common out-of-order steps; every other refusal is step-out-of-order.
function expectedRefusal(event: PlacementEvent, state: PlacementState): string {
  const beforeCourt = states.slice(0, 5).includes(state);
  if (event === 'admit' && beforeCourt) return 'admission-before-court-decision';
  if ((event === 'court-decide' || event === 'court-refuse') && beforeCourt)
    return 'court-decision-before-submission';
  if (
    event === 'release' &&
    (beforeCourt || state === 'court-decided' || state === 'admission-deferred')
  )
    return 'release-before-admission';
  return 'step-out-of-order';
}

describe('the compulsory-placement transition table', () => {
  const pairs = events.flatMap((event) => states.map((state) => [event, state] as const));

  it.each(pairs.filter(([event, state]) => allows(event, state)))(
    'allows %s from %s',
    (event, state) => {
      expect(() => requireTransition(state, event)).not.toThrow();
    },
  );

  it.each(pairs.filter(([event, state]) => !allows(event, state)))(
    'refuses %s from %s with a stable code and the legal reference',
    (event, state) => {
      const error = expectDomainError(
        () => requireTransition(state, event),
        expectedRefusal(event, state),
      );
      expect(error.options.legalRef).toBe(placementTransitions[event].legalRef);
    },
  );

  it('has no transition out of the final states (refused, exempted, released)', () => {
    for (const state of ['court-refused', 'exempted', 'released'] as const) {
      expect(events.filter((event) => allows(event, state))).toEqual([]);
    }
  });
});

// Fixtures on the LAW-2021 adult path: submitted 2024-10-08, decided 2024-10-15 (12 months),
// admitted 2024-10-18; the term ends 2025-10-18.
const minor = () => open({ dateOfBirth: '2009-01-15' });
const compile = (c: CompulsoryPlacement, on = '2024-10-03') =>
  compileDossier(c, { on, actor: 'commune-chairman', documents: REQUIRED_DOCUMENTS }, rules);
const decided = () =>
  decideByCourt(
    submittedAdult(),
    { on: '2024-10-15', actor: 'district-people-court', termMonths: 12 },
    rules,
  );
const postponed = () => postpone(decided(), { on: '2024-10-16', ground: 'serious-illness' }, rules);
const search = (on: string, searchDecisionBy: string) => ({
  on,
  searchDecisionBy,
  searchDecisionOn: on,
});
const awayBeforeAdmission = () =>
  abscondBeforeAdmission(decided(), search('2024-10-17', 'district-police-chief'), rules);
const awayFromFacility = () =>
  abscond(admittedAdult(), search('2024-12-02', 'facility-director'), rules);
const hospital = (on: string) =>
  suspendForHospital(admittedAdult(), { on, hospital: 'BV tỉnh', expectedDays: 20 }, rules);
const reviewed = () =>
  recordReview(
    admittedAdult(),
    { id: 'rv-1', reviewedOn: '2025-04-21', postedOn: '2025-04-21', sentToCourtOn: '2025-05-05' },
    rules,
  );

/** Each event taken by its step function from a case the table allows it on. */
const takenBy: Record<PlacementEvent, () => CompulsoryPlacement> = {
  'record-interim-management': () =>
    recordInterimManagement(open(), { kind: 'family', from: '2024-10-02' }, rules),
  'compile-dossier': () => compile(open()),
  'record-child-rights-opinion': () =>
    recordChildRightsOpinion(compile(minor()), '2024-10-04', rules),
  'close-family-review': () =>
    closeFamilyReview(
      recordChildRightsOpinion(compile(minor()), '2024-10-04', rules),
      { on: '2024-10-09' },
      rules,
    ),
  appraise: () =>
    appraiseDossier(compile(open()), { on: '2024-10-07', actor: 'labour-division-head' }, rules),
  'submit-to-court': () => submittedAdult(),
  'court-decide': decided,
  'court-refuse': () =>
    refuseByCourt(submittedAdult(), { on: '2024-10-15', actor: 'district-people-court' }, rules),
  'defer-admission': () =>
    deferAdmission(decided(), { on: '2024-10-16', until: '2024-12-01' }, rules),
  admit: () => admittedAdult(),
  postpone: postponed,
  'end-postponement': () => endPostponement(postponed(), '2024-11-20', rules),
  exempt: () =>
    exempt(postponed(), { on: '2024-12-20', ground: 'voluntary-rehab-completed' }, rules),
  'abscond-before-admission': awayBeforeAdmission,
  'return-before-admission': () =>
    returnBeforeAdmission(awayBeforeAdmission(), '2024-10-25', rules),
  abscond: awayFromFacility,
  return: () => returnToFacility(awayFromFacility(), '2024-12-12', rules),
  'record-review': reviewed,
  'reduce-term': () =>
    reduceTerm(
      reviewed(),
      { on: '2025-05-06', reviewId: 'rv-1', months: 2, meritRecord: false, monthsRatedGood: 3 },
      rules,
    ),
  'suspend-for-hospital': () => hospital('2025-02-01'),
  resume: () => resumeAfterHospital(hospital('2025-02-01'), '2025-02-21', rules),
  'excuse-remainder': () => excuseRemainder(hospital('2025-08-01'), '2025-08-21', rules),
  'notify-release': () => notifyRelease(admittedAdult(), '2025-10-01', rules),
  release: () => release(admittedAdult(), { on: '2025-10-18', certificateId: 'c-1' }, rules),
};

describe('each transition is taken by its step function', () => {
  it.each(events)('%s leads where the table says and is on the history', (event) => {
    const c = takenBy[event]();
    const last = c.history.at(-1);
    expect(last?.event).toBe(event);
    const target = placementTransitions[event].to;
    if (target === 'same') expect(c.state).toBe(last?.from);
    else if (event === 'compile-dossier') expect(c.state).toBe('dossier-compiled');
    else expect(c.state).toBe(target);
  });

  it("sends a minor's compiled dossier to the family instead (Law 73/2021 Art. 34)", () => {
    expect(compile(minor()).state).toBe('family-review');
  });

  it('refuses a search decision dated before the person went missing', () => {
    expectDomainError(
      () =>
        abscond(
          admittedAdult(),
          { ...search('2024-12-02', 'facility-director'), searchDecisionOn: '2024-12-01' },
          rules,
        ),
      'date-out-of-order',
    );
  });

  it("refuses the child-rights opinion once the minor's dossier is with the court", () => {
    const withCourt = { ...compile(minor()), state: 'submitted-to-court' as const };
    expectDomainError(
      () => recordChildRightsOpinion(withCourt, '2024-10-10', rules),
      'step-out-of-order',
    );
  });
});
