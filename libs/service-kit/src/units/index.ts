export * from './unit-directory.ts';
