// CloudEvents 1.0 structured-mode envelope shared by every service (docs/architecture.md, events).
import { z } from 'zod';

/** Who caused the event: agency, organisational unit and the subject of the access token. */
export interface EventActor {
  agency: string;
  orgUnit: string;
  sub: string;
}

/** CloudEvents 1.0 attributes plus `actor` and W3C trace context captured at creation. */
export interface EventEnvelope<T = unknown> {
  specversion: '1.0';
  id: string;
  type: string;
  source: string;
  subject: string;
  time: string;
  dataschema: string;
  datacontenttype: 'application/json';
  actor: EventActor;
  traceparent?: string;
  tracestate?: string;
  data: T;
}

/** `<service>.<aggregate>.<event>.v<major>`, lower-case kebab segments. */
export const EVENT_TYPE_PATTERN =
  /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/;

const TRACEPARENT_PATTERN = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** zod schema of the actor attribute. */
export const actorSchema = z.object({
  agency: z.string().min(1),
  orgUnit: z.string().min(1),
  sub: z.string().min(1),
});

/** zod schema of the envelope; `data` is checked separately against the type's schema. */
export const envelopeSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.uuid(),
  type: z.string().regex(EVENT_TYPE_PATTERN, 'expected <service>.<aggregate>.<event>.v<major>'),
  source: z.string().min(1),
  subject: z.string().min(1),
  time: z.iso.datetime({ offset: true }),
  dataschema: z.string().min(1),
  datacontenttype: z.literal('application/json'),
  actor: actorSchema,
  traceparent: z.string().regex(TRACEPARENT_PATTERN).optional(),
  tracestate: z.string().optional(),
  data: z.unknown(),
});

/** The `dataschema` attribute for an event type. */
export function dataSchemaUrn(type: string): string {
  return `urn:rehab:schema:${type}`;
}
