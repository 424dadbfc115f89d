import { describe, expect, it } from 'vitest';
import { certify, replacePersons, type LoanList } from './loan-list.ts';
import { expectDomainError } from './test-support.ts';

const draft: LoanList = {
  id: 'l-1',
  unitCode: '99003',
  personIds: ['p-1'],
  drawnUpOn: '2026-06-01',
  drawnUpBy: 'police-officer',
};

describe('the loan list (Decision 08/2026/QĐ-TTg, annexed form)', () => {
  it('lets the commune police change a draft list, without duplicates', () => {
    expect(replacePersons(draft, ['p-1', 'p-2', 'p-2']).personIds).toEqual(['p-1', 'p-2']);
  });

  it('is certified by the commune People’s Committee on or after it was drawn up', () => {
    expect(certify(draft, { on: '2026-06-02', by: 'chairman' }).certification).toEqual({
      on: '2026-06-02',
      by: 'chairman',
    });
    expectDomainError(
      () => certify(draft, { on: '2026-05-31', by: 'chairman' }),
      'date-out-of-order',
    );
  });

  it('can no longer be changed or certified again once certified', () => {
    const certified = certify(draft, { on: '2026-06-02', by: 'chairman' });
    const error = expectDomainError(
      () => replacePersons(certified, ['p-3']),
      'loan-list-certified',
    );
    expect(error.options.legalRef).toContain('08/2026/QĐ-TTg');
    expectDomainError(
      () => certify(certified, { on: '2026-06-03', by: 'chairman' }),
      'loan-list-certified',
    );
  });
});
