// Public API of the vocational domain: support after rehab (needs, counselling, training,
// jobs and their follow-ups) and the preferential loans of Decision 08/2026/QĐ-TTg.
export * from './errors.ts';
export * from './vocational-rules.ts';
export * from './support-file.ts';
export * from './eligibility.ts';
export * from './loans.ts';
export * from './loan-list.ts';
export * from './placement.ts';
export * from './course.ts';
