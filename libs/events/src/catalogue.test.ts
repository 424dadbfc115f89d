import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EventCatalogue, defineEvent } from './catalogue.ts';
import { EventSchemaError } from './errors.ts';

const personTopic = { name: 'registry.person.v1', partitions: 3, description: 'Person stream' };
const drugUse = defineEvent({
  type: 'registry.person.drug-use-detected.v1',
  topic: personTopic,
  summary: 'A test detected drug use',
  schema: z.object({ substance: z.string(), test: z.object({ dose: z.number().positive() }) }),
});
const catalogue = new EventCatalogue([drugUse]);

const envelope = (overrides: Record<string, unknown> = {}) => ({
  specversion: '1.0',
  id: '0190f3a4-1c2b-7d3e-8f4a-5b6c7d8e9f00',
  type: drugUse.type,
  source: 'registry',
  subject: 'person-1',
  time: '2026-01-02T03:04:05.000Z',
  dataschema: 'urn:rehab:schema:registry.person.drug-use-detected.v1',
  datacontenttype: 'application/json',
  actor: { agency: 'police', orgUnit: 'hn-01', sub: 'u1' },
  data: { substance: 'heroin', test: { dose: 2 } },
  ...overrides,
});

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(EventSchemaError);
    return (err as EventSchemaError).issues.map((i) => i.path);
  }
  throw new Error('expected EventSchemaError');
}

describe('EventCatalogue.parse', () => {
  it('accepts a valid envelope and returns parsed data', () => {
    expect(catalogue.parse(envelope()).data).toEqual({ substance: 'heroin', test: { dose: 2 } });
  });

  it('names the nested data field that is wrong', () => {
    const paths = issuesOf(() =>
      catalogue.parse(envelope({ data: { substance: 'x', test: { dose: -1 } } })),
    );
    expect(paths).toEqual(['data.test.dose']);
    expect(() => catalogue.parse(envelope({ data: {} }))).toThrow(/data\.substance/);
  });

  it('names envelope attributes that are missing or malformed', () => {
    const paths = issuesOf(() => catalogue.parse(envelope({ subject: '', id: 'nope', actor: {} })));
    expect(paths).toEqual(expect.arrayContaining(['subject', 'id', 'actor.agency']));
  });

  it('rejects unknown types and types on the wrong topic', () => {
    expect(() => catalogue.parse(envelope({ type: 'registry.person.unknown.v1' }))).toThrow(
      /unknown event type/,
    );
    expect(() => catalogue.parse(envelope(), 'assessment.determination.v1')).toThrow(
      /does not belong/,
    );
    expect(catalogue.parse(envelope(), 'registry.person.v1').type).toBe(drugUse.type);
  });
});

describe('catalogue definition', () => {
  it('lists each topic with its dead-letter topic', () => {
    expect(catalogue.topics().map((t) => t.name)).toEqual([
      'registry.person.v1',
      'registry.person.v1.dlq',
    ]);
  });

  it('rejects malformed type names and duplicate types', () => {
    expect(() => defineEvent({ ...drugUse, type: 'DrugUseDetected' })).toThrow(/must look like/);
    expect(() => new EventCatalogue([drugUse, drugUse])).toThrow(/defined twice/);
  });
});
