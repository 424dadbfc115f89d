import {
  caseChanged,
  createEvent,
  determinationConcluded,
  drugUseDetected,
  methadoneAdmitted,
  methadoneDischarged,
  methadoneTransferred,
  personMoved,
  personRegistered,
  supportGiven,
  type EventDefinition,
} from '@rehab/events';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { noFacts, type PersonFacts } from '../domain/person-facts.ts';
import { projectEvent } from './project-event.ts';

const personId = '01936f7e-0000-7000-8000-000000000001';
const uuid = (n: number) => `01936f7e-0000-7000-8000-${String(n).padStart(12, '0')}`;
const actor = { agency: 'police' as const, orgUnit: '99', sub: 't' };
const ev = <S extends z.ZodType>(d: EventDefinition<S>, data: z.input<S>) =>
  createEvent(d, { source: 'test', subject: personId, actor, data });
const apply = (facts: PersonFacts, ...events: ReturnType<typeof ev>[]) =>
  events.reduce((f, e) => projectEvent(f, e), facts);

describe('how events change what the reports know of a person', () => {
  it('moves the management term to the commune of the new residence from the move, once', () => {
    const detected = ev(drugUseDetected, {
      personId,
      detectionId: uuid(20),
      detectedAt: '2026-01-10',
      sample: 'urine',
      substances: ['methamphetamine'],
      unitCode: '99001',
      management: {
        decisionId: uuid(21),
        decisionDate: '2026-01-12',
        termEndsOn: '2027-01-11',
        unitCode: '99001',
        regime: 'LAW-2021',
        renewal: false,
        legalRef: 'Law 73/2021/QH14 Art. 23',
      },
    });
    const moved = ev(personMoved, {
      personId,
      movementId: uuid(22),
      kind: 'residence-change',
      effectiveOn: '2026-05-01',
      fromUnitCode: '99001',
      toUnitCode: '99004',
    });
    const facts = apply(noFacts, detected, moved);
    expect(Object.values(facts.spells)).toEqual([
      { fact: 'management-list', unitCode: '99001', from: '2026-01-12', to: '2026-04-30' },
      { fact: 'management-list', unitCode: '99004', from: '2026-05-01', to: '2027-01-11' },
    ]);
    expect(facts.attributes.residenceUnitCode).toBe('99004');
    expect(apply(facts, moved)).toEqual(facts);
    // Moving on before the term started there: the term is the next commune's alone.
    const again = apply(
      facts,
      ev(personMoved, {
        personId,
        movementId: uuid(23),
        kind: 'residence-change',
        effectiveOn: '2026-05-01',
        fromUnitCode: '99004',
        toUnitCode: '99006',
      }),
    );
    expect(Object.values(again.spells).map((spell) => spell.unitCode)).toEqual(['99001', '99006']);
  });

  it('keeps the attributes of the registry snapshot, never the name', () => {
    const facts = apply(
      noFacts,
      ev(personRegistered, {
        personId,
        person: {
          fullName: 'Lò Văn A',
          dateOfBirth: '2000-01-01',
          sex: 'male',
          ethnicity: 'Thái',
          residenceUnitCode: '99001',
          hasNationalId: true,
        },
      }),
    );
    expect(facts.attributes).toEqual({
      sex: 'male',
      dateOfBirth: '2000-01-01',
      ethnicity: 'other',
      residenceUnitCode: '99001',
    });
    expect(JSON.stringify(facts)).not.toContain('Lò Văn A');
  });

  it('withdraws "determined addicted" when a correction concludes not addicted', () => {
    const concluded = (result: 'addicted' | 'not-addicted') =>
      ev(determinationConcluded, {
        determinationId: uuid(2),
        conclusionId: uuid(result === 'addicted' ? 3 : 4),
        personId,
        result,
        substanceClass: 'ats',
        concludedOn: '2026-02-01',
        notifiedOn: '2026-02-01',
        facilityId: uuid(5),
        origin: 'referral',
      });
    const addicted = apply(noFacts, concluded('addicted'));
    expect(addicted.occurrences[`determination:${uuid(2)}`]).toMatchObject({
      fact: 'determined-addicted',
      on: '2026-02-01',
    });
    expect(addicted.attributes.substance).toBe('ats');
    expect(apply(addicted, concluded('not-addicted')).occurrences).toEqual({});
  });

  it('counts a compulsory admission once, and each absconding', () => {
    const change = (state: string, on: string) =>
      ev(caseChanged, {
        caseId: uuid(6),
        personId,
        kind: 'compulsory',
        state,
        regime: 'LAW-2021',
        unitCode: '99002',
        changedOn: on,
      });
    const facts = apply(
      noFacts,
      change('admitted', '2026-01-05'),
      change('absconded', '2026-02-01'),
      change('admitted', '2026-02-10'),
      change('released', '2026-06-01'),
    );
    const flows = Object.values(facts.occurrences)
      .map((o) => `${o.fact}@${o.on}`)
      .sort();
    expect(flows).toEqual([
      'absconded@2026-02-01',
      'compulsory-executed@2026-01-05',
      'rehab-completed@2026-06-01',
    ]);
    expect(Object.values(facts.spells).map((s) => [s.from, s.to])).toEqual([
      ['2026-01-05', '2026-01-31'],
      ['2026-02-10', '2026-05-31'],
    ]);
  });

  it('moves an MMT patient to the new clinic on a transfer without counting them as new, and counts a discharge as dropping out', () => {
    const facts = { patientId: uuid(7), personId, clinicId: uuid(8) };
    const result = apply(
      noFacts,
      ev(methadoneAdmitted, { ...facts, clinicUnitCode: '99001', admittedOn: '2026-01-02' }),
      ev(methadoneTransferred, {
        ...facts,
        clinicUnitCode: '99003',
        fromClinicId: uuid(9),
        transferredOn: '2026-03-01',
      }),
      ev(methadoneDischarged, {
        ...facts,
        clinicUnitCode: '99003',
        dischargedOn: '2026-05-01',
        reasonCategory: 'on-request',
      }),
    );
    expect(Object.values(result.spells).map((s) => [s.unitCode, s.from, s.to])).toEqual([
      ['99001', '2026-01-02', '2026-02-28'],
      ['99003', '2026-03-01', '2026-04-30'],
    ]);
    expect(
      Object.values(result.occurrences)
        .map((o) => o.fact)
        .sort(),
    ).toEqual(['mmt-dropped-out', 'mmt-new']);
  });

  it("counts a post-rehab person's first support only", () => {
    const support = (n: number, on: string) =>
      ev(supportGiven, {
        supportId: uuid(n),
        personId,
        kind: 'counselling',
        on,
        unitCode: '99004',
      });
    const facts = apply(
      noFacts,
      support(10, '2026-04-01'),
      support(11, '2026-05-01'),
      support(12, '2026-03-01'),
    );
    expect(Object.values(facts.occurrences)).toEqual([
      { fact: 'post-rehab-supported', unitCode: '99004', on: '2026-03-01', modality: 'post-rehab' },
    ]);
  });
});
