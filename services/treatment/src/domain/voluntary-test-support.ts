// Voluntary episodes in each state for the domain's unit tests (not exported by index.ts):
// registered on 2025-03-03 under LAW-2021, started on 2025-03-04 (facility) or 2025-03-05
// (home) with a 6-month term.
import { rules } from './test-support.ts';
import {
  openVoluntaryCase,
  recordStage,
  rehabStages,
  type VoluntaryCase,
} from './voluntary-rehab.ts';
import { admitToFacility, decideHomeRehab } from './voluntary-start.ts';

export const open = (
  modality: 'voluntary-home' | 'voluntary-facility',
  registeredOn = '2025-03-03',
) =>
  openVoluntaryCase(
    {
      caseId: 'v-2',
      personId: 'p-2',
      unitCode: 'XA-002',
      modality,
      registeredOn,
      firstRehab: true,
    },
    rules,
  );

export const atHome = (kind: 'official' | 'provider' = 'official') =>
  decideHomeRehab(
    open('voluntary-home'),
    { on: '2025-03-05', by: 'commune-chairman', termMonths: 6, responsible: { kind, id: 'r-1' } },
    rules,
  );
export const atFacility = () =>
  admitToFacility(
    open('voluntary-facility'),
    { on: '2025-03-04', facilityId: 'f-1', termMonths: 6 },
    rules,
  );

/** The first `count` stages, one a day from 2025-04-10. */
export function withStages(kase: VoluntaryCase, count: number): VoluntaryCase {
  let current = kase;
  rehabStages.slice(0, count).forEach((stage, index) => {
    const day = `2025-04-${String(10 + index).padStart(2, '0')}`;
    current = recordStage(current, { stage, startedOn: day, completedOn: day });
  });
  return current;
}
