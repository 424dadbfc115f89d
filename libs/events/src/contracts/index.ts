export * from './shared.ts';
export * from './registry-person.ts';
