import { describe, expect, it } from 'vitest';
import { clearFlag, daysToJudge, recordDay } from './missed-doses.ts';
import { admittedPatient } from './fixtures.ts';
import type { Patient } from './patient.ts';
import { rules } from './test-support.ts';

const thresholds = rules.missedDoseThresholds('2026-03-05');
let n = 0;
const newId = () => `flag-${++n}`;
const miss = (patient: Patient, days: string[]) =>
  days.reduce((p, day) => recordDay(p, day, 'missed', thresholds, newId).patient, patient);

describe('consecutive missed doses raise flags at the rulebook thresholds (unconfirmed defaults)', () => {
  it('raises dose-as-ordered at 1, reduced dose at 3, stop at 4 and re-induction at 5 missed days', () => {
    let patient = admittedPatient();
    const raisedOn: Record<string, number> = {};
    ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'].forEach(
      (day, i) => {
        const { patient: next, raised } = recordDay(patient, day, 'missed', thresholds, newId);
        raised.forEach((flag) => (raisedOn[flag.kind] = i + 1));
        patient = next;
      },
    );
    expect(raisedOn).toEqual({ 'dose-as-ordered': 1, 'reduced-dose': 3, stop: 4, reinduction: 5 });
    expect(patient.consecutiveMisses).toBe(6);
    expect(patient.missedDays).toHaveLength(6);
    expect(patient.flags.find((f) => f.kind === 'stop')?.legalRef).toMatch(/4 missed days/);
  });

  it('ends the streak on a dosed day: counting restarts and the informational flag closes', () => {
    let patient = miss(admittedPatient(), ['2026-03-01', '2026-03-02']);
    patient = recordDay(patient, '2026-03-03', 'dosed', thresholds, newId).patient;
    expect(patient.consecutiveMisses).toBe(0);
    expect(patient.flags.every((f) => f.clearedOn)).toBe(true);
    patient = miss(patient, ['2026-03-04', '2026-03-05']);
    expect(patient.flags.filter((f) => f.kind === 'reduced-dose')).toHaveLength(0);
  });

  it('keeps the stop flag open until the prescriber clears it with a note', () => {
    const patient = miss(admittedPatient(), [
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
    ]);
    const stop = patient.flags.find((f) => f.kind === 'stop')!;
    const cleared = clearFlag(patient, stop.id, {
      on: '2026-03-05',
      by: 'dr-an',
      note: 'Đã khám lại',
    });
    expect(cleared.flags.find((f) => f.id === stop.id)).toMatchObject({
      clearedBy: 'dr-an',
      note: 'Đã khám lại',
    });
    expect(() => clearFlag(cleared, stop.id, { on: '2026-03-05', by: 'dr-an', note: 'x' })).toThrow(
      expect.objectContaining({ code: 'flag-not-open' }),
    );
  });

  it('judges each day once: the sweep resumes after the last judged day', () => {
    const patient = miss(admittedPatient(), ['2026-03-01']);
    expect(daysToJudge(patient, '2026-03-03', '2026-02-20')).toEqual(['2026-03-02', '2026-03-03']);
    expect(daysToJudge(patient, '2026-03-01', '2026-02-20')).toEqual([]);
    expect(daysToJudge(admittedPatient(), '2026-02-21', '2026-02-20')).toEqual([
      '2026-02-20',
      '2026-02-21',
    ]);
  });
});
