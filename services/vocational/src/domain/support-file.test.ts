import { describe, expect, it } from 'vitest';
import {
  daysWaited,
  newSupportFile,
  openNeed,
  queueSince,
  recordCounselling,
  recordSupport,
} from './support-file.ts';

const decision = {
  episodeId: 'case-1',
  source: 'post-rehab-management' as const,
  openedOn: '2026-06-01',
  decisionOn: '2026-06-01',
  needs: ['job' as const],
};

describe('support needs after rehab (Law 73/2021/QH14 Art. 40, 43)', () => {
  it('opens a waiting need on the post-rehab management decision', () => {
    const file = openNeed(newSupportFile('p-1', '99003'), decision)!;
    expect(file).toMatchObject({ status: 'waiting', waitingSince: '2026-06-01' });
    expect(file.episodes).toHaveLength(1);
    expect(daysWaited(file, '2026-06-11')).toBe(10);
  });

  it('opens one need per person and episode however often the decision arrives', () => {
    const file = openNeed(newSupportFile('p-1', '99003'), decision)!;
    expect(openNeed(file, decision)).toBeUndefined();
  });

  it('adds a support need recorded later to the same episode', () => {
    const file = openNeed(newSupportFile('p-1', '99003'), decision)!;
    const next = openNeed(file, { ...decision, needs: ['loan'] })!;
    expect(next.episodes).toHaveLength(1);
    expect(next.episodes[0]?.needs).toEqual(['job', 'loan']);
  });

  it('keeps the decision date once known when a later event lacks it', () => {
    const file = openNeed(newSupportFile('p-1', '99003'), decision)!;
    const { decisionOn: _d, ...withoutDecision } = decision;
    const next = openNeed(file, { ...withoutDecision, needs: ['schooling'] })!;
    expect(next.episodes[0]?.decisionOn).toBe('2026-06-01');
  });

  it('answers every waiting episode with the first support, once', () => {
    const file = openNeed(newSupportFile('p-1', '99003'), decision)!;
    const supported = recordSupport(file, { id: 's-1', kind: 'counselling', on: '2026-06-05' })!;
    expect(supported.status).toBe('supported');
    expect(supported.waitingSince).toBeUndefined();
    expect(supported.episodes[0]?.supportedOn).toBe('2026-06-05');
    expect(daysWaited(supported, '2026-07-01')).toBe(0);
    // Supported, it keeps its place in the supported queue by the need's opening.
    expect(queueSince(supported)).toBe('2026-06-01');
    expect(queueSince(newSupportFile('p-2', '99003'))).toBeUndefined();
    expect(
      recordSupport(supported, { id: 's-1', kind: 'counselling', on: '2026-06-05' }),
    ).toBeUndefined();
  });

  it('waits again from the opening of a new episode after an earlier one was supported', () => {
    const first = recordSupport(openNeed(newSupportFile('p-1', '99003'), decision)!, {
      id: 's-1',
      kind: 'training',
      on: '2026-06-05',
    })!;
    const second = openNeed(first, {
      ...decision,
      episodeId: 'case-2',
      openedOn: '2028-01-10',
      decisionOn: '2028-01-10',
    })!;
    expect(second).toMatchObject({ status: 'waiting', waitingSince: '2028-01-10' });
  });

  it('has no queue status for a file with support but no need', () => {
    const file = recordSupport(newSupportFile('p-1', '99003'), {
      id: 's-1',
      kind: 'counselling',
      on: '2026-06-05',
    })!;
    expect(file.status).toBeUndefined();
  });
});

describe('counselling', () => {
  it('records a session as a support that answers the waiting need', () => {
    const file = openNeed(newSupportFile('p-1', '99003'), decision)!;
    const session = {
      id: 's-1',
      on: '2026-06-03',
      topic: 'Tư vấn học nghề',
      outcome: 'Đăng ký học may',
      by: 'u-1',
    };
    const next = recordCounselling(file, session)!;
    expect(next.counselling).toEqual([session]);
    expect(next.supports).toEqual([{ id: 's-1', kind: 'counselling', on: '2026-06-03' }]);
    expect(next.status).toBe('supported');
    expect(recordCounselling(next, session)).toBeUndefined();
  });
});

describe('a completed methadone treatment', () => {
  it('opens a need at once, and the post-rehab decision after it joins that need (Law 73/2021/QH14 Art. 40)', () => {
    const completed = openNeed(newSupportFile('p-1', '99003'), {
      episodeId: 'methadone:pt-1:2026-05-01',
      source: 'methadone-completion',
      openedOn: '2026-05-01',
    })!;
    const decided = openNeed(completed, decision)!;
    expect(decided.episodes).toHaveLength(1);
    expect(decided.episodes[0]).toMatchObject({
      episodeId: 'methadone:pt-1:2026-05-01',
      decisionOn: '2026-06-01',
      alsoKnownAs: ['case-1'],
      needs: ['job'],
    });
    expect(decided.waitingSince).toBe('2026-05-01');
    // The decision delivered again changes nothing.
    expect(openNeed(decided, decision)).toBeUndefined();
  });
});
