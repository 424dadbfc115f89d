import { describe, it, expect } from 'vitest';
import { createWorkingDayCalendar } from '../calendar/working-days.ts';
import { applyDuration } from './duration.ts';

const calendar = createWorkingDayCalendar();

describe('applyDuration', () => {
  it('ends a 6-month term on the clamped month end: 2025-08-31 → 2026-02-28 (Civil Code 2015 Art. 148)', () => {
    expect(applyDuration('2025-08-31', { unit: 'months', amount: 6 }, calendar)).toBe('2026-02-28');
  });

  it('ends a 1-year management term on the same date a year later (Law 73/2021/QH14 Art. 23)', () => {
    expect(applyDuration('2025-03-15', { unit: 'years', amount: 1 }, calendar)).toBe('2026-03-15');
    expect(applyDuration('2024-02-29', { unit: 'years', amount: 1 }, calendar)).toBe('2025-02-28');
  });

  it('counts calendar days and weeks from the day after the event (Civil Code 2015 Art. 147)', () => {
    expect(applyDuration('2026-03-02', { unit: 'days', amount: 5 }, calendar)).toBe('2026-03-07');
    expect(applyDuration('2026-03-02', { unit: 'weeks', amount: 2 }, calendar)).toBe('2026-03-16');
  });

  it('rounds hours up to whole days so a 24-hour limit ends the next day and 36 hours the day after', () => {
    expect(applyDuration('2026-07-01', { unit: 'hours', amount: 24 }, calendar)).toBe('2026-07-02');
    expect(applyDuration('2026-07-01', { unit: 'hours', amount: 36 }, calendar)).toBe('2026-07-03');
  });

  it('counts working days on the calendar, across the Tết 2026 break', () => {
    expect(applyDuration('2026-02-12', { unit: 'workingDays', amount: 5 }, calendar)).toBe(
      '2026-02-26',
    );
    expect(applyDuration('2026-02-12', { unit: 'workingDays', amount: 5 })).toBe('2026-02-26');
  });
});
