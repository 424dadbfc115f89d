export * from './shared.ts';
export * from './registry-person.ts';
export * from './assessment-determination.ts';
export * from './treatment-case.ts';
export * from './methadone-treatment.ts';
export * from './vocational-support.ts';
