import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A documented response of a route; the schema also appears in the OpenAPI document. */
export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  headers?: Record<string, string>;
}

/** What a handler receives: parsed, validated input and the authenticated caller. */
export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal;
  requestId: string;
  logger: Logger;
  req: Request;
  res: Response;
  /** 403 unless the caller's grant for this route's operation covers the unit. */
  requireJurisdiction(unitCode: string): void;
  /** True when the grant covers the unit (for filtering lists rather than refusing). */
  coversUnit(unitCode: string): boolean;
}

/** Which persons an answer holds, for the audit trail. */
export interface AuditedRead {
  personIds(body: unknown): readonly string[];
}

const at = (value: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined,
      value,
    );
const idAt = (value: unknown, path: string): string[] => {
  const id = at(value, path);
  return typeof id === 'string' ? [id] : [];
};

/** An answer that is one person's record: the person id at `path` (e.g. `id`, `personId`). */
export function auditsOne(path: string): AuditedRead {
  return { personIds: (body) => idAt(body, path) };
}

/** A list answer: every element of `items` names a person at `path` (e.g. `person.id`). */
export function auditsItems(path: string): AuditedRead {
  return {
    personIds: (body) => {
      const items = at(body, 'items');
      return Array.isArray(items) ? items.flatMap((item) => idAt(item, path)) : [];
    },
  };
}

/** What a handler returns; the framework writes it (and stores it for idempotent replays). */
export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * One endpoint: its method and path, the policy operation that guards it, the schemas
 * that validate its input (and document it), and a thin handler calling a use case.
 */
export interface RouteDefinition<
  PS extends z.ZodType = z.ZodType,
  QS extends z.ZodType = z.ZodType,
  BS extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** Express-style path relative to the API base, e.g. `/persons/:id`. */
  path: string;
  /** Operation id in the service's policy file, e.g. `person.register`. */
  operation: string;
  summary: string;
  description?: string;
  tags?: string[];
  params?: PS;
  query?: QS;
  body?: BS;
  /** Accept `Idempotency-Key` (POST creating something). */
  idempotent?: boolean;
  /** Needs `If-Match` (documented; the handler reads it with requiredIfMatchVersion). */
  ifMatch?: boolean;
  /**
   * A read of person-level data: the pipeline writes an audit entry for every person the
   * answer holds (who, agency and unit, `X-Purpose`, operation, person, time) before it
   * answers, so no handler can forget. Lists name each person they return.
   */
  audited?: AuditedRead;
  responses: Record<number, ResponseSpec>;
  handler(ctx: RouteContext<z.output<PS>, z.output<QS>, z.output<BS>>): Promise<RouteResult>;
}

/** Helps TypeScript infer the handler's input types from the schemas. */
export function defineRoute<PS extends z.ZodType, QS extends z.ZodType, BS extends z.ZodType>(
  route: RouteDefinition<PS, QS, BS>,
): RouteDefinition<PS, QS, BS> {
  return route;
}
