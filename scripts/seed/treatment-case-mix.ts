// Open treatment cases of every kind, built with the domain's own steps (so each one is a
// case the service could have made), at dates relative to `today`: mostly due in the
// coming days, weeks and months, with the small overdue backlog a province really has.
import { addDays, type LocalDate } from '@rehab/domain-kit';
import {
  admit,
  asCompulsoryCase,
  compileDossier,
  decideByCourt,
  appraiseDossier,
  openPlacement,
  REQUIRED_DOCUMENTS,
  submitToCourt,
  type CompulsoryPlacement,
  type CompulsoryRules,
} from '../../services/treatment/src/domain/compulsory/index.ts';
import {
  admitToFacility,
  decideHomeRehab,
  openPostRehabCase,
  recordProviderNotice,
  openRegistrationCase,
  openVoluntaryCase,
  type TreatmentCase,
  type TreatmentRules,
} from '../../services/treatment/src/domain/index.ts';

export interface CaseMixRules {
  treatment: TreatmentRules;
  compulsory: CompulsoryRules;
}

/** One case to seed and its person, as the registry's events would have projected them. */
export interface SeedCase {
  kase: TreatmentCase;
  person: { id: string; dateOfBirth: LocalDate; residenceUnitCode: string };
}

export interface CaseMixContext {
  rules: CaseMixRules;
  today: LocalDate;
  unitCode: string;
  /** Uniform in [0, 1). */
  random(): number;
  newId(): string;
}

/** Shares of the open cases by kind and state; registrations take what is left. */
export const caseMix = {
  'voluntary-home/awaiting-decision': 0.05,
  'voluntary-home/in-rehab': 0.25,
  'voluntary-facility/in-rehab': 0.1,
  'voluntary-facility/awaiting-admission': 0.02,
  'post-rehab/awaiting-report': 0.08,
  'post-rehab/awaiting-file': 0.08,
  'compulsory/dossier-in-preparation': 0.07,
  'compulsory/submitted-to-court': 0.05,
  'compulsory/court-decided': 0.03,
  'compulsory/admitted': 0.12,
} as const;
export type MixedKind = keyof typeof caseMix | 'awaiting-registration';

const daysAgo = (ctx: CaseMixContext, from: number, to: number) =>
  addDays(ctx.today, -(from + Math.floor(ctx.random() * (to - from + 1))));

function birthDate(ctx: CaseMixContext, minor = false): LocalDate {
  const years = minor ? 14 + Math.floor(ctx.random() * 3) : 20 + Math.floor(ctx.random() * 30);
  return daysAgo(ctx, years * 366, years * 366 + 300);
}

/** A registration case whose deadline is `deadlineIn` days from today (negative: passed). */
export function registrationCase(ctx: CaseMixContext, deadlineIn: number): SeedCase {
  const minor = ctx.random() < 0.05;
  const dateOfBirth = birthDate(ctx, minor);
  const deadline = addDays(ctx.today, deadlineIn);
  const personId = ctx.newId();
  const kase = openRegistrationCase(
    {
      caseId: ctx.newId(),
      personId,
      unitCode: ctx.unitCode,
      determinationId: ctx.newId(),
      result: 'addicted',
      notifiedOn: addDays(deadline, -7),
      registrationDeadline: deadline,
      dateOfBirth,
    },
    ctx.rules.treatment,
  );
  return { kase, person: { id: personId, dateOfBirth, residenceUnitCode: ctx.unitCode } };
}

function voluntaryCase(ctx: CaseMixContext, mix: MixedKind): TreatmentCase {
  const home = mix.startsWith('voluntary-home');
  const started = mix.endsWith('in-rehab');
  const registeredOn = started ? daysAgo(ctx, 5, 150) : daysAgo(ctx, 0, 4);
  const firstRehab = ctx.random() < 0.8;
  const kase = openVoluntaryCase(
    {
      caseId: ctx.newId(),
      personId: ctx.newId(),
      unitCode: ctx.unitCode,
      modality: home ? 'voluntary-home' : 'voluntary-facility',
      registeredOn,
      firstRehab,
    },
    ctx.rules.treatment,
  );
  if (!started) return kase;
  const termMonths = ctx.rules.treatment.forCase(registeredOn).voluntaryTerm(firstRehab).min;
  const on = addDays(registeredOn, 2);
  const begun = home
    ? decideHomeRehab(
        kase,
        {
          on,
          by: kase.decisionActor ?? '',
          termMonths,
          responsible: { kind: ctx.random() < 0.3 ? 'provider' : 'official', id: ctx.newId() },
        },
        ctx.rules.treatment,
      )
    : admitToFacility(kase, { on, facilityId: 'seed-facility', termMonths }, ctx.rules.treatment);
  // Most providers give their start notice within days; a few are late and stay owed.
  const owed = begun.notices.some((notice) => !notice.noticedOn);
  return owed && ctx.random() < 0.95 && on < addDays(ctx.today, -2)
    ? recordProviderNotice(begun, { about: 'start', noticedOn: addDays(on, 2) })
    : begun;
}

function postRehabCase(ctx: CaseMixContext, mix: MixedKind, dateOfBirth: LocalDate): TreatmentCase {
  const released = mix.endsWith('awaiting-report');
  return openPostRehabCase(
    {
      caseId: ctx.newId(),
      personId: ctx.newId(),
      unitCode: ctx.unitCode,
      origin: released ? 'compulsory-adult' : 'voluntary',
      // One file in ten is late.
      rehabEndedOn: ctx.random() < 0.1 ? daysAgo(ctx, 8, 30) : daysAgo(ctx, 0, 4),
      dateOfBirth,
    },
    ctx.rules.treatment,
  );
}

function compulsoryCase(
  ctx: CaseMixContext,
  mix: MixedKind,
  dateOfBirth: LocalDate,
): TreatmentCase {
  const rules = ctx.rules.compulsory;
  const stage = ['dossier-in-preparation', 'submitted-to-court', 'court-decided', 'admitted'];
  const depth = stage.indexOf(mix.split('/')[1] ?? '');
  // Each stage recent enough that its next step is mostly still ahead (the dossier due in
  // 5 working days, the court's decision, admission within 5 days, the 3-monthly review);
  // one dossier in ten is late.
  const ranges: Array<[number, number]> = [
    [0, 6],
    [5, 12],
    [10, 15],
    [30, 92],
  ];
  const [from, to] = depth === 0 && ctx.random() < 0.1 ? [9, 30] : (ranges[depth] ?? [0, 6]);
  const violationOn = daysAgo(ctx, from, to);
  let p: CompulsoryPlacement = openPlacement(
    {
      id: ctx.newId(),
      personId: ctx.newId(),
      unitCode: ctx.unitCode,
      dateOfBirth,
      trigger: 'not-registered',
      violationRecordId: ctx.newId(),
      violationOn,
      ordinal: 'first',
    },
    rules,
  );
  const r = rules.forCase(violationOn);
  if (depth >= 1) {
    const compiler = r.dossierCompiler.actor;
    p = compileDossier(
      p,
      { on: addDays(violationOn, 2), actor: compiler, documents: REQUIRED_DOCUMENTS },
      rules,
    );
    if (r.dossierAppraiser) {
      p = appraiseDossier(
        p,
        { on: addDays(violationOn, 3), actor: r.dossierAppraiser.actor },
        rules,
      );
    }
    const submitter = r.dossierAppraiser?.actor ?? compiler;
    p = submitToCourt(p, { on: addDays(violationOn, 4), actor: submitter }, rules);
  }
  if (depth >= 2) {
    const termMonths = r.term(p.ageGroup, 'first').min;
    p = decideByCourt(p, { on: addDays(violationOn, 10), actor: r.court.actor, termMonths }, rules);
  }
  if (depth >= 3)
    p = admit(p, { on: addDays(violationOn, 12), facilityId: 'seed-facility' }, rules);
  return asCompulsoryCase(p, rules);
}

/** A case of the given kind and state (see `caseMix`). */
export function mixedCase(ctx: CaseMixContext, mix: keyof typeof caseMix): SeedCase {
  const dateOfBirth = birthDate(ctx);
  let kase: TreatmentCase;
  if (mix.startsWith('voluntary')) kase = voluntaryCase(ctx, mix);
  else if (mix.startsWith('post-rehab')) kase = postRehabCase(ctx, mix, dateOfBirth);
  else kase = compulsoryCase(ctx, mix, dateOfBirth);
  return { kase, person: { id: kase.personId, dateOfBirth, residenceUnitCode: ctx.unitCode } };
}
