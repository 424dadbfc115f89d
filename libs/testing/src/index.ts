export * from './stack-env.ts';
export * from './identity.ts';
export * from './event-collector.ts';
export * from './eventually.ts';
export * from './stand-in.ts';
export * from './fhir-validator.ts';
export * from './service-harness.ts';
export * from './registered-person.ts';
