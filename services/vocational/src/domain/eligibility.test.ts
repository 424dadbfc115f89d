import { describe, expect, it } from 'vitest';
import { loanEligibility } from './eligibility.ts';
import { newSupportFile, openNeed, recordCompletion, type SupportFile } from './support-file.ts';
import { rules } from './test-support.ts';

const person = { id: 'p-1', dateOfBirth: '1990-03-15' };

function fileWith(input: { completedOn?: string; decisionOn?: string }): SupportFile {
  let file = newSupportFile(person.id, '99003');
  if (input.completedOn) {
    file = recordCompletion(file, {
      kind: 'voluntary-rehab',
      on: input.completedOn,
      sourceId: 'case-1',
    })!;
  }
  if (input.decisionOn) {
    file = openNeed(file, {
      episodeId: 'post-1',
      source: 'post-rehab-management',
      openedOn: input.decisionOn,
      decisionOn: input.decisionOn,
    })!;
  }
  return file;
}

const codes = (result: ReturnType<typeof loanEligibility>) => result.reasons.map((r) => r.code);

describe('loan eligibility (Decision 08/2026/QĐ-TTg)', () => {
  it('is eligible after a completed rehab, aged 12 or more, within 10 years of the post-rehab decision', () => {
    const result = loanEligibility(
      person,
      fileWith({ completedOn: '2026-05-10', decisionOn: '2026-05-20' }),
      '2026-06-01',
      rules,
    );
    expect(result).toMatchObject({
      eligible: true,
      reasons: [],
      age: 36,
      decisionOn: '2026-05-20',
      windowEndsOn: '2036-05-20',
      completion: { kind: 'voluntary-rehab', on: '2026-05-10' },
    });
  });

  it('refuses a person with no completed voluntary, compulsory or substitution treatment', () => {
    const result = loanEligibility(
      person,
      fileWith({ decisionOn: '2026-05-20' }),
      '2026-06-01',
      rules,
    );
    expect(result.eligible).toBe(false);
    expect(codes(result)).toEqual(['rehab-not-completed']);
  });

  it('refuses a person under the age limit of 12', () => {
    const child = { id: 'p-2', dateOfBirth: '2014-06-02' };
    const file = fileWith({ completedOn: '2026-05-10', decisionOn: '2026-05-20' });
    expect(codes(loanEligibility(child, file, '2026-06-01', rules))).toEqual(['under-minimum-age']);
    // On the 12th birthday the person is within the limit.
    expect(loanEligibility(child, file, '2026-06-02', rules).eligible).toBe(true);
  });

  it('is eligible on the last day of the 10-year window and refused the day after', () => {
    const file = fileWith({ completedOn: '2026-05-10', decisionOn: '2026-05-20' });
    expect(loanEligibility(person, file, '2036-05-20', rules).eligible).toBe(true);
    const late = loanEligibility(person, file, '2036-05-21', rules);
    expect(codes(late)).toEqual(['loan-request-window-passed']);
    expect(late.reasons[0]?.legalRef).toContain('08/2026/QĐ-TTg');
  });

  it('refuses a person with no post-rehab management decision and no file at all', () => {
    expect(codes(loanEligibility(person, undefined, '2026-06-01', rules))).toEqual([
      'rehab-not-completed',
      'no-post-rehab-decision',
    ]);
  });
});
