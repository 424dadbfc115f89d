import { describe, expect, it } from 'vitest';
import { LAW_2021_DAY, LAW_2025_DAY, rules, TRANSFER_DAY } from './test-support.ts';

describe('compulsory rulebook regimes', () => {
  it('has the commune chairman compile and the labour division appraise under LAW-2021 (Decree 116/2021)', () => {
    const r = rules.forCase(LAW_2021_DAY);
    expect(r.regimeIds).toEqual(['LAW-2021']);
    expect(r.dossierCompiler.actor).toBe('commune-chairman');
    expect(r.dossierAppraiser?.actor).toBe('labour-division-head');
    expect(r.court.actor).toBe('district-people-court');
  });

  it('has the commune police chief compile with no appraisal from 2025-03-01 (Decree 02/2025)', () => {
    const r = rules.forCase(TRANSFER_DAY);
    expect(r.dossierCompiler).toMatchObject({
      actor: 'commune-police-chief',
      regime: 'TRANSFER-2025',
    });
    expect(r.dossierAppraiser).toBeUndefined();
  });

  it('moves the pre-admission search power to the province and the court to the regional court under TWO-TIER-2025, unconfirmed', () => {
    const r = rules.forCase('2025-08-01');
    expect(r.searchBeforeAdmission).toMatchObject({
      actor: 'provincial-police-director',
      confirmed: false,
    });
    expect(r.court.actor).toBe('regional-people-court');
  });

  it('keeps 12-24 months for adults and 6-12 for minors under LAW-2021 (Law 73/2021 Art. 32, 33)', () => {
    const r = rules.forCase(LAW_2021_DAY);
    expect(r.term('adult', 'first')).toMatchObject({ min: 12, max: 24, confirmed: true });
    expect(r.term('minor', 'repeat')).toMatchObject({ min: 6, max: 12 });
  });

  it('sets 24 months for a first and 36 for a later rehab under LAW-2025, flagged unconfirmed (Law 120/2025)', () => {
    const r = rules.forCase(LAW_2025_DAY);
    expect(r.term('adult', 'first')).toMatchObject({
      min: 24,
      max: 24,
      regime: 'LAW-2025',
      confirmed: false,
    });
    expect(r.term('adult', 'repeat')).toMatchObject({ min: 36, max: 36 });
    expect(r.court).toMatchObject({ actor: 'regional-people-court', regime: 'LAW-2025' });
  });

  it('computes the dossier deadline in working days and the release notice 15 days before the end', () => {
    const r = rules.forCase(LAW_2021_DAY);
    expect(r.dossierDueBy('2024-10-01').date).toBe('2024-10-08');
    expect(r.releaseNoticeDueBy('2025-10-18').date).toBe('2025-10-03');
    expect(r.admissionDueBy('2024-10-15').date).toBe('2024-10-20');
    expect(r.latestDeferral('2024-10-15').date).toBe('2025-01-15');
  });

  it('gives the work-queue deadlines after compilation, flagged unconfirmed, with no appraisal deadline once the appraisal is gone', () => {
    const r = rules.forCase(LAW_2021_DAY);
    expect(r.appraisalDueBy?.('2024-10-03')).toMatchObject({
      date: '2024-10-10',
      confirmed: false,
    });
    expect(r.submissionDueBy('2024-10-07').date).toBe('2024-10-10');
    expect(r.courtDecisionDueBy('2024-10-08').date).toBe('2024-10-23');
    expect(rules.forCase(TRANSFER_DAY).appraisalDueBy).toBeUndefined();
    expect(rules.forCase(LAW_2025_DAY).courtDecisionDueBy('2026-08-10')).toMatchObject({
      date: '2026-08-25',
      regime: 'LAW-2025',
    });
  });
});
