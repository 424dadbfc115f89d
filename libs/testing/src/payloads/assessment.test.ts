// The shared payloads must be accepted by the assessment's own request schemas: the k6
// scripts and the integration tests build their bodies here, so drift fails this unit test.
import { describe, expect, it } from 'vitest';
import {
  CRITERIA as DOMAIN_CRITERIA,
  SUBSTANCE_CLASSES as DOMAIN_CLASSES,
} from '../../../../services/assessment/src/domain/criteria.ts';
import { diagnose } from '../../../../services/assessment/src/domain/diagnosis.ts';
import * as schemas from '../../../../services/assessment/src/http/schemas.ts';
import {
  CRITERIA,
  SUBSTANCE_CLASSES,
  addictedObservations,
  assessorBody,
  conclusionBody,
  facilityBody,
  monthBefore,
  observationBody,
  testBody,
  voluntaryRequestBody,
} from './assessment.ts';

const personId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const facilityId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';

describe('shared assessment payloads', () => {
  it('names the criteria and substance classes as the domain does', () => {
    expect([...CRITERIA]).toEqual([...DOMAIN_CRITERIA]);
    expect([...SUBSTANCE_CLASSES]).toEqual([...DOMAIN_CLASSES]);
  });

  it('builds facility and assessor bodies the API accepts, deterministic per seed', () => {
    for (let seed = 0; seed < 50; seed++) {
      const facility = facilityBody({ seed });
      expect(schemas.facilityBody.safeParse(facility).success, JSON.stringify(facility)).toBe(true);
      const assessor = assessorBody(`doctor-${seed}`, { seed });
      expect(schemas.assessorBody.safeParse(assessor).success, JSON.stringify(assessor)).toBe(true);
    }
    expect(facilityBody({ seed: 7 })).toEqual(facilityBody({ seed: 7 }));
    const today = new Date('2026-06-15T00:00:00Z');
    expect(facilityBody({ today })).toMatchObject({
      certifiedFrom: '2024-01-01',
      certifiedTo: '2029-12-31',
    });
    expect(facilityBody({ unitCode: '99' }).unitCode).toBe('99');
  });

  it('builds voluntary request, test, observation and conclusion bodies the API accepts', () => {
    expect(
      schemas.voluntaryBody.safeParse(voluntaryRequestBody(personId, facilityId)).success,
    ).toBe(true);
    const dated = voluntaryRequestBody(personId, facilityId, { requestedOn: '2026-03-15' });
    expect(schemas.voluntaryBody.safeParse(dated).success).toBe(true);
    expect(schemas.determinationsQuery.safeParse({ personId }).success).toBe(true);

    for (const body of [
      testBody(),
      testBody({ positive: ['opioid', 'cannabis'], sample: 'blood', daysBefore: 2 }),
      testBody({ positive: [], tested: ['other'] }),
    ]) {
      expect(schemas.testBody.safeParse(body).success, JSON.stringify(body)).toBe(true);
    }
    expect(testBody({ positive: ['ats'], tested: ['ats'] }).results).toEqual([
      { substanceClass: 'ats', positive: true },
    ]);

    for (const criterion of CRITERIA) {
      const body = observationBody(criterion, { present: false, source: 'police-dossier' });
      expect(schemas.observationBody.safeParse(body).success, criterion).toBe(true);
    }
    expect(schemas.conclusionBody.safeParse(conclusionBody()).success).toBe(true);
    const override = conclusionBody({
      result: 'not-addicted',
      overrideReason: 'Đánh giá lâm sàng',
    });
    expect(schemas.conclusionBody.safeParse(override).success).toBe(true);
  });

  it('gives six observations, three criteria present one month apart, that the rule finds addicted', () => {
    const today = new Date('2026-03-31T10:00:00Z');
    const observations = addictedObservations({ today, substanceClass: 'opioid' });
    expect(observations).toHaveLength(6);
    for (const o of observations) expect(schemas.observationBody.safeParse(o).success).toBe(true);
    expect([...new Set(observations.map((o) => o.observedOn))]).toEqual([
      '2026-02-28',
      '2026-03-30',
    ]);
    const thresholds = {
      minimumCriteria: 3,
      sustainedPeriod: { unit: 'months', amount: 1 },
      lookback: { unit: 'months', amount: 12 },
    } as const;
    for (const daysBefore of [0, 1, 3, 17, 30, 200]) {
      const concludedOn = '2026-10-31';
      const at = new Date(`${concludedOn}T08:00:00Z`);
      const diagnosis = diagnose(
        addictedObservations({ today: at, daysBefore, substanceClass: 'opioid' }),
        concludedOn,
        thresholds,
      );
      expect(diagnosis.result, `daysBefore ${daysBefore}`).toBe('addicted');
      expect(diagnosis.criteriaMet).toEqual(['craving', 'loss-of-control', 'tolerance']);
      expect(diagnosis.substanceClass).toBe('opioid');
    }
    // One observation fewer is not enough.
    const short = diagnose(addictedObservations({ today }).slice(0, 5), '2026-03-31', thresholds);
    expect(short.result).toBe('not-addicted');
  });

  it('steps back one calendar month, clamping the day', () => {
    expect(monthBefore('2026-03-31')).toBe('2026-02-28');
    expect(monthBefore('2024-03-30')).toBe('2024-02-29');
    expect(monthBefore('2026-01-15')).toBe('2025-12-15');
    expect(monthBefore('2026-07-31')).toBe('2026-06-30');
  });
});
