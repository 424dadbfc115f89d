// Builds envelopes inside use cases; the trace context is captured now because the outbox
// relay publishes later, outside the HTTP request.
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { toIssues } from './catalogue.ts';
import type { EventDefinition } from './catalogue.ts';
import { actorSchema, dataSchemaUrn } from './envelope.ts';
import type { EventActor, EventEnvelope } from './envelope.ts';
import { EventSchemaError } from './errors.ts';
import { captureTraceContext } from './tracing.ts';

/** Arguments of createEvent; `time` defaults to now. */
export interface CreateEventArgs<S extends z.ZodType> {
  source: string;
  subject: string;
  actor: EventActor;
  data: z.input<S>;
  time?: Date;
}

/** Validates data (EventSchemaError on failure) and returns a complete envelope with a UUID v7 id. */
export function createEvent<S extends z.ZodType>(
  def: EventDefinition<S>,
  args: CreateEventArgs<S>,
): EventEnvelope<z.output<S>> {
  const data = def.schema.safeParse(args.data);
  if (!data.success) {
    throw new EventSchemaError(`invalid data for ${def.type}`, toIssues(data.error, 'data'));
  }
  const actor = actorSchema.safeParse(args.actor);
  if (!actor.success) {
    throw new EventSchemaError(`invalid actor for ${def.type}`, toIssues(actor.error, 'actor'));
  }
  if (!args.source || !args.subject) {
    throw new EventSchemaError(`source and subject are required for ${def.type}`);
  }
  return {
    specversion: '1.0',
    id: uuidv7(),
    type: def.type,
    source: args.source,
    subject: args.subject,
    time: (args.time ?? new Date()).toISOString(),
    dataschema: dataSchemaUrn(def.type),
    datacontenttype: 'application/json',
    actor: actor.data,
    ...captureTraceContext(),
    data: data.data,
  };
}

/**
 * The event builder of one service: `(definition, subject, actor, data)` with the source
 * fixed. The actor may be a wider object (a token's principal); only agency, unit and
 * subject are recorded.
 */
export function eventsFrom(source: string) {
  return <S extends z.ZodType>(
    definition: EventDefinition<S>,
    subject: string,
    actor: EventActor,
    data: z.input<S>,
  ): EventEnvelope<z.output<S>> =>
    createEvent(definition, {
      source,
      subject,
      actor: { agency: actor.agency, orgUnit: actor.orgUnit, sub: actor.sub },
      data,
    });
}
