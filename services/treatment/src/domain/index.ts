// Public API of the treatment domain (part A): registration deadline, voluntary rehab,
// provider notices and post-rehab management. The compulsory-placement module
// (./compulsory/) is exported separately.
export * from './errors.ts';
export * from './treatment-rules.ts';
export * from './case-base.ts';
export * from './case.ts';
export * from './voluntary-rehab.ts';
export * from './voluntary-start.ts';
export * from './voluntary-outcomes.ts';
export * from './provider-notices.ts';
export * from './post-rehab.ts';
export * from './post-rehab-management.ts';
