// Public API of @rehab/domain-kit: transport-neutral errors and pure date, calendar,
// rulebook and text helpers.
export * from './errors/index.ts';
export * from './dates/local-date.ts';
export * from './calendar/holidays.ts';
export * from './calendar/working-days.ts';
export * from './rulebook/errors.ts';
export * from './rulebook/values.ts';
export * from './rulebook/schema.ts';
export * from './rulebook/resolved-rules.ts';
export * from './rulebook/rulebook.ts';
export * from './rulebook/duration.ts';
export * from './rulebook/load-file.ts';
export * from './text/fold.ts';
export * from './rulebook/ruled.ts';
