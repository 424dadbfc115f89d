import { describe, expect, it } from 'vitest';
import { conclude } from './conclusion.ts';
import { openDetermination, recordObservation, recordTest } from './determination.ts';
import { ctx, facility, input, open, origin, person, TODAY } from './determination-fixtures.ts';
import { expectDomainError } from './test-support.ts';

describe('determination request (Law 73/2021/QH14 Art. 27)', () => {
  it('opens in "requested" for a person known to the projection at a certified facility', () => {
    expect(open()).toMatchObject({ status: 'requested', facilityId: 'f-1', origin });
    expectDomainError(
      () =>
        openDetermination(
          { id: 'd-2', personId: 'p-9', origin: { kind: 'voluntary' }, requestedOn: '2026-02-01' },
          undefined,
          facility,
        ),
      'person-unknown',
    );
    expectDomainError(
      () =>
        openDetermination(
          { id: 'd-2', personId: 'p-1', origin, requestedOn: '2024-12-31' },
          person,
          facility,
        ),
      'facility-not-certified',
    );
  });

  it('moves to "in-progress" with the first test and refuses future, pre-request or malformed tests', () => {
    const test = {
      id: 't-1',
      sampledAt: '2026-02-02',
      sample: 'urine',
      results: [{ substanceClass: 'opioid', positive: true }],
    };
    expect(recordTest(open(), test, TODAY).status).toBe('in-progress');
    expectDomainError(
      () => recordTest(open(), { ...test, sampledAt: '2026-03-11' }, TODAY),
      'test-in-future',
    );
    expectDomainError(
      () => recordTest(open(), { ...test, sampledAt: '2026-01-31' }, TODAY),
      'test-before-request',
    );
    expectDomainError(
      () => recordTest(open(), { ...test, sample: 'hair' }, TODAY),
      'unknown-sample',
    );
    expectDomainError(
      () => recordTest(open(), { ...test, results: [] }, TODAY),
      'invalid-test-results',
    );
  });

  it('accepts observations from before the request but refuses unknown criteria and future dates', () => {
    const obs = {
      id: 'o-1',
      criterion: 'craving',
      present: true,
      observedOn: '2025-11-01',
      source: 'police-dossier',
      substanceClass: 'ats',
    };
    expect(recordObservation(open(), obs, TODAY).status).toBe('in-progress');
    const error = expectDomainError(
      () => recordObservation(open(), { ...obs, criterion: 'anxiety' }, TODAY),
      'unknown-criterion',
      'invalid-input',
    );
    expect(error.options.field).toBe('criterion');
    expectDomainError(
      () => recordObservation(open(), { ...obs, observedOn: '2026-03-11' }, TODAY),
      'observation-in-future',
    );
    expectDomainError(
      () => recordObservation(open(), { ...obs, source: 'rumour' }, TODAY),
      'unknown-source',
    );
  });

  it('refuses to conclude a request with no test or observation yet (invalid-transition)', () => {
    expectDomainError(() => conclude(open(), input(), ctx), 'invalid-transition');
  });
});
