// Runs the treatment journeys (demo-journeys.ts) through the public API. Each step that an
// earlier run already took is left alone: the journey's n-th step on a case finds the case
// at version n+1 or later (every step adds one version), and a case a step opens is there.
// Within a day an interrupted run is also covered by the Idempotency-Keys.
import { ageOn, isAfter, isLocalDate, type LocalDate } from '@rehab/domain-kit';
import type { TokenClaims } from '../../libs/testing/src/identity.ts';
import { retry } from '../../libs/events/src/retry.ts';
import { determine, doctor } from './demo-assessment.ts';
import { eventually, SeedError, type Gateway } from './demo-http.ts';
import type { CaseKind, CaseStep, Journey, JourneyStep, Who } from './demo-journey-steps.ts';
import type { PlannedPerson } from './demo-people.ts';

const api = '/treatment/v1';

export interface CaseView {
  id: string;
  kind: CaseKind;
  state: string;
  regime: string;
  unitCode: string;
  version: number;
  due: { what: string; actor: string; dueBy: string; overdue: boolean }[];
  opened?: CaseView;
}

export interface TreatmentRun {
  gw: Gateway;
  sign: (claims: TokenClaims) => string;
  today: LocalDate;
  seed: number;
}

/** The token of an office: commune offices act in the case's commune, the others province-wide. */
function officeClaims(office: string, unitCode: string): TokenClaims {
  const communeLevel: Record<string, [TokenClaims['agency'], string]> = {
    'commune-officer': ['commune', 'officer'],
    'commune-chairman': ['commune', 'chairman'],
    'commune-police': ['police', 'officer'],
    'commune-police-chief': ['police', 'commune-chief'],
  };
  const provinceLevel: Record<string, [TokenClaims['agency'], string]> = {
    'facility-officer': ['facility', 'officer'],
    'facility-director': ['facility', 'director'],
    'labour-division-head': ['labour', 'division-head'],
    'district-people-court': ['court', 'district-judge'],
    'regional-people-court': ['court', 'regional-judge'],
    'district-police-chief': ['police', 'district-chief'],
    'provincial-police-director': ['police', 'provincial-director'],
  };
  const local = communeLevel[office];
  const grant = local ?? provinceLevel[office];
  if (!grant) throw new SeedError(`no demo token for the office "${office}"`);
  const orgUnit = local ? unitCode : '99';
  return { sub: `seed-demo-${office}-${orgUnit}`, agency: grant[0], orgUnit, roles: [grant[1]] };
}

export const labourOfficer: TokenClaims = {
  sub: 'seed-demo-labour-officer',
  agency: 'labour',
  orgUnit: '99',
  roles: ['officer'],
};

function officeFor(who: Who, target: CaseView): string {
  if (typeof who === 'string') return who;
  const item = target.due.find((due) => due.what === who.due);
  if (!item) {
    const owed = target.due.map((due) => due.what).join(', ') || 'nothing';
    throw new SeedError(`case ${target.id} (${target.state}) owes no "${who.due}" but ${owed}`);
  }
  return item.actor;
}

const termSteps = [
  'voluntary/home-decision',
  'voluntary/facility-admission',
  'compulsory/court-decision',
];
/** The usual term of the case's regime where the journey leaves it open (LAW-2025: 24 months, first rehab). */
function bodyFor(step: CaseStep, target: CaseView): Record<string, unknown> {
  if (!termSteps.includes(step.path) || 'termMonths' in step.body) return step.body;
  return { ...step.body, termMonths: target.regime === 'LAW-2025' ? 24 : 12 };
}

/** The person's latest case of each kind. */
async function casesOf(run: TreatmentRun, personId: string): Promise<Map<CaseKind, CaseView>> {
  const { items } = await run.gw.get<{ items: CaseView[] }>(
    run.sign(labourOfficer),
    `${api}/cases?personId=${personId}`,
  );
  return new Map(items.map((kase) => [kase.kind, kase]));
}

/** The dates a journey's steps name, in order (a step's date may not be after today). */
function datesOf(journey: Journey): LocalDate[] {
  return journey.steps
    .flatMap((step) => Object.values(step.body))
    .filter((value): value is LocalDate => typeof value === 'string' && isLocalDate(value))
    .sort();
}

export interface Assignment {
  journey: Journey;
  person: PlannedPerson;
  personId: string;
}

/**
 * Gives each journey the first free person of its stages who is an adult on the earliest
 * date of any journey: the same persons on every run, whatever today is.
 */
export function assignJourneys(
  journeys: readonly Journey[],
  people: readonly PlannedPerson[],
  ids: ReadonlyMap<number, string>,
  today: LocalDate,
): { assigned: Assignment[]; unassigned: string[] } {
  const from = journeys.flatMap(datesOf).sort()[0] ?? today;
  const free = people.filter((p) => ageOn(p.register.dateOfBirth, from) >= 18);
  const assigned: Assignment[] = [];
  const unassigned: string[] = [];
  for (const journey of journeys) {
    const i = free.findIndex((p) => journey.stages.includes(p.stage));
    const [person] = i < 0 ? [] : free.splice(i, 1);
    const personId = person && ids.get(person.index);
    if (person && personId) assigned.push({ journey, person, personId });
    else unassigned.push(journey.id);
  }
  return { assigned, unassigned };
}

/** The person is known to the treatment service once the registry's event reached it. */
async function untilPersonKnown<T>(post: () => Promise<T>): Promise<T> {
  return retry(post, {
    attempts: 30,
    waits: { firstMs: 1000, maxMs: 1000 },
    retryOn: (error) => error instanceof SeedError && error.code === 'person-unknown',
  });
}

export interface JourneyOutcome {
  /** The person's latest case of each kind. */
  cases: Map<CaseKind, CaseView>;
  /** Steps (and the conclusion) this run took, and those an earlier run had taken. */
  taken: number;
  already: number;
}

/** Takes the journey's steps not yet taken. */
export async function runJourney(
  run: TreatmentRun,
  { journey, person, personId }: Assignment,
): Promise<JourneyOutcome> {
  const last = datesOf(journey).at(-1);
  if (last && isAfter(last, run.today)) throw new SeedError(`dated after today (${last})`);
  const key = (step: string) => `seed-demo-${run.seed}-${person.index}-${journey.id}-${step}`;
  const outcome: JourneyOutcome = { cases: new Map(), taken: 0, already: 0 };
  if (journey.determination) {
    const concluded = await determine(
      run.gw,
      run.sign(doctor),
      {
        personId,
        substance: person.substances[0],
        addicted: journey.determination === 'addicted',
        today: run.today,
      },
      key,
    );
    outcome[concluded === 'concluded' ? 'taken' : 'already']++;
  }
  outcome.cases = await casesOf(run, personId);
  if (journey.determination === 'addicted' && !outcome.cases.has('awaiting-registration')) {
    outcome.cases = await eventually(
      `the case opened by ${personId}'s result`,
      () => casesOf(run, personId),
      (found) => found.has('awaiting-registration'),
    );
  }
  const stepsOn = new Map<CaseKind, number>();
  const opening = {
    personId,
    unitCode: person.register.residence.unitCode,
    violationRecordId: `BB-DEMO-${run.seed}-${person.index}`,
  };
  for (const [i, step] of journey.steps.entries()) {
    const taken = await takeStep(run, step, key(String(i)), outcome.cases, stepsOn, opening);
    outcome[taken ? 'taken' : 'already']++;
  }
  return outcome;
}

/** Takes one step unless an earlier run did; `stepsOn` counts the journey's steps per case. */
async function takeStep(
  run: TreatmentRun,
  step: JourneyStep,
  key: string,
  cases: Map<CaseKind, CaseView>,
  stepsOn: Map<CaseKind, number>,
  opening: { personId: string; unitCode: string; violationRecordId: string },
): Promise<boolean> {
  if ('open' in step) {
    stepsOn.set(step.opens, 0);
    if (cases.has(step.opens)) return false;
    const body: Record<string, unknown> = { personId: opening.personId, ...step.body };
    if (step.open === 'compulsory-cases') body.violationRecordId = opening.violationRecordId;
    const kase = await untilPersonKnown(() =>
      run.gw.post<CaseView>(
        run.sign(officeClaims(step.who, opening.unitCode)),
        `${api}/${step.open}`,
        body,
        key,
      ),
    );
    cases.set(kase.kind, kase);
    return true;
  }
  const nth = (stepsOn.get(step.target) ?? 0) + 1;
  stepsOn.set(step.target, nth);
  if (step.opens) stepsOn.set(step.opens, 0);
  const target = cases.get(step.target);
  if (!target) throw new SeedError(`no ${step.target} case for ${step.path}`);
  if (target.version > nth) return false;
  const office = officeFor(step.who, target);
  const { opened, ...kase } = await run.gw.post<CaseView>(
    run.sign(officeClaims(office, target.unitCode)),
    `${api}/cases/${target.id}/${step.path}`,
    bodyFor(step, target),
    key,
  );
  cases.set(kase.kind, kase);
  if (opened) cases.set(opened.kind, opened);
  return true;
}
