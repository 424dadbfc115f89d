import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EventCatalogue, defineEvent } from './catalogue.ts';

const person = { name: 'registry.person.v1', partitions: 3, description: 'Person stream' };
const determination = {
  name: 'assessment.determination.v1',
  partitions: 6,
  retentionMs: 604_800_000,
  description: 'Determinations',
};
const defs = [
  defineEvent({
    type: 'registry.person.drug-use-detected.v1',
    topic: person,
    summary: 'Drug use detected',
    schema: z.object({ substance: z.string() }),
  }),
  defineEvent({
    type: 'registry.person.registered.v1',
    topic: person,
    summary: 'Person registered',
    schema: z.object({ fullName: z.string(), birthDate: z.iso.date() }),
  }),
  defineEvent({
    type: 'assessment.determination.made.v1',
    topic: determination,
    summary: 'Addiction determined',
    schema: z.object({ level: z.enum(['mild', 'severe']) }),
  }),
];

describe('toAsyncApi', () => {
  const doc = new EventCatalogue(defs).toAsyncApi({ title: 'Rehab events', version: '1.0.0' });
  const json = JSON.stringify(doc);

  it('is an AsyncAPI 3.0 document with every topic, including dead-letter topics', () => {
    expect(doc['asyncapi']).toBe('3.0.0');
    const addresses = Object.values(doc['channels'] as Record<string, { address: string }>).map(
      (c) => c.address,
    );
    expect(addresses.sort()).toEqual([
      'assessment.determination.v1',
      'assessment.determination.v1.dlq',
      'registry.person.v1',
      'registry.person.v1.dlq',
    ]);
  });

  it('has a message and a send operation per event type, with the data schema', () => {
    for (const def of defs) expect(json).toContain(`"name":"${def.type}"`);
    expect(Object.keys(doc['operations'] as object)).toHaveLength(defs.length);
    expect(json).toContain('"fullName"');
    expect(json).toContain('"severe"');
    // Component keys must not contain dots (AsyncAPI key pattern).
    const messages = (doc['components'] as { messages: object }).messages;
    for (const k of Object.keys(messages)) expect(k).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});
