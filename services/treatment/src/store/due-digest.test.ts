import { addDays } from '@rehab/domain-kit';
import { describe, expect, it } from 'vitest';
import { asCompulsoryCase } from '../domain/compulsory/index.ts';
import {
  admittedAdult,
  open,
  rules as compulsoryRules,
  submittedAdult,
} from '../domain/compulsory/test-support.ts';
import {
  decideHomeRehab,
  dueItems,
  openPostRehabCase,
  openRegistrationCase,
  openVoluntaryCase,
  sweepRegistrationDeadline,
  type TreatmentCase,
} from '../domain/index.ts';
import { rules } from '../domain/test-support.ts';
import { asListItem, compareEntries, dueEntries, entryKey } from './due-digest.ts';

const who = { personId: 'p-1', unitCode: '99003' };
const registration = openRegistrationCase(
  {
    caseId: 'r-1',
    ...who,
    determinationId: 'd-1',
    result: 'addicted',
    notifiedOn: '2025-09-01',
    dateOfBirth: '1990-01-01',
  },
  rules,
);
const home = openVoluntaryCase(
  {
    caseId: 'v-1',
    ...who,
    modality: 'voluntary-home',
    registeredOn: '2025-09-02',
    firstRehab: true,
  },
  rules,
);
const cases: TreatmentCase[] = [
  registration,
  sweepRegistrationDeadline(registration, '2025-10-01'),
  home,
  decideHomeRehab(
    home,
    {
      on: '2025-09-04',
      by: home.decisionActor ?? '',
      termMonths: 6,
      responsible: { kind: 'official', id: 'o-1' },
    },
    rules,
  ),
  openVoluntaryCase(
    {
      caseId: 'v-2',
      ...who,
      modality: 'voluntary-facility',
      registeredOn: '2025-09-02',
      firstRehab: false,
    },
    rules,
  ),
  openPostRehabCase(
    {
      caseId: 'pr-1',
      ...who,
      origin: 'compulsory-adult',
      rehabEndedOn: '2025-08-01',
      dateOfBirth: '1990-01-01',
    },
    rules,
  ),
  openPostRehabCase(
    {
      caseId: 'pr-2',
      ...who,
      origin: 'voluntary',
      rehabEndedOn: '2025-08-01',
      dateOfBirth: '1990-01-01',
    },
    rules,
  ),
  ...[open(), submittedAdult(), admittedAdult()].map((p) => asCompulsoryCase(p, compulsoryRules)),
];

describe('the due digest kept in the work-queue index', () => {
  it('lists the same items as dueItems on any day, overdue exactly when the day is past the date', () => {
    for (const kase of cases) {
      const entries = dueEntries(kase);
      for (const entry of entries) {
        for (const day of [addDays(entry.dueBy, -400), entry.dueBy, addDays(entry.dueBy, 1)]) {
          const listed = entries.map((e) => asListItem(e, day));
          const fromDomain = dueItems(kase, day);
          expect(listed.filter((e) => !e.what.startsWith('violation-'))).toHaveLength(
            fromDomain.length,
          );
          for (const item of fromDomain) {
            expect(listed).toContainEqual(expect.objectContaining(item));
          }
        }
      }
    }
  });

  it('keeps the violation of a missed registration on the queue, with the case and unit', () => {
    const overdue = dueEntries(sweepRegistrationDeadline(registration, '2025-10-01'));
    expect(overdue).toEqual([
      expect.objectContaining({
        caseId: 'r-1',
        unitCode: '99003',
        kind: 'awaiting-registration',
        state: 'overdue',
        what: 'violation-recorded-compulsory-placement-basis',
        actor: 'commune',
      }),
    ]);
  });

  it('keeps entries in queue order, the order of their keys', () => {
    expect(cases.flatMap(dueEntries).length).toBeGreaterThan(cases.length);
    for (const kase of cases) {
      const entries = dueEntries(kase);
      expect([...entries].sort(compareEntries)).toEqual(entries);
    }
    const [a, b] = [
      { dueBy: '2025-09-08', caseId: 'abc', what: 'x' },
      { dueBy: '2025-09-08', caseId: 'abcd', what: 'x' },
    ];
    expect(compareEntries(a, b)).toBeLessThan(0);
    expect(entryKey(a) < entryKey(b)).toBe(true);
    expect(entryKey(a) < '2025-09-09' && entryKey(a) >= '2025-09-08').toBe(true);
  });
});
