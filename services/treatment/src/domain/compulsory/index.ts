// Public API of the compulsory-placement domain (cai nghiện bắt buộc).
export * from './errors.ts';
export * from './compulsory-rules.ts';
export * from './transitions.ts';
export * from './placement.ts';
export * from './dossier.ts';
export * from './court.ts';
export * from './term.ts';
export * from './hospital.ts';
export * from './end-date.ts';
export * from './owed-steps.ts';
export * from './compulsory-case.ts';
