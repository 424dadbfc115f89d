// Public API of the assessment domain: pure rules of addiction status determination.
export * from './errors.ts';
export * from './criteria.ts';
export * from './certification.ts';
export * from './facility-assignment.ts';
export * from './assessment-rules.ts';
export * from './presence.ts';
export * from './diagnosis.ts';
export * from './drug-test.ts';
export * from './determination.ts';
export * from './conclusion.ts';
export * from './result-document.ts';
export * from './registration-deadline.ts';
