import { z } from 'zod';
import type { RouteDefinition } from './route.ts';

type JsonSchema = Record<string, unknown>;

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
}

const problemSchema: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details with a stable code',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    instance: { type: 'string' },
    legalRef: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          field: { type: 'string' },
          code: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
  },
};

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of a zod schema, input or output side. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = jsonSchemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

/**
 * Builds the OpenAPI 3.1 document from the same route definitions (and zod schemas)
 * that validate requests, so the document cannot drift from the behaviour.
 */
export function buildOpenApi(
  info: OpenApiInfo,
  basePath: string,
  routes: readonly RouteDefinition[],
): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = `${basePath}${route.path}`.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...parametersOf(route.params, 'path'),
      ...parametersOf(route.query, 'query'),
      ...(route.idempotent
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', maxLength: 200 },
              description:
                'Same key and body returns the stored response; same key, other body is 422',
            },
          ]
        : []),
      ...(route.ifMatch
        ? [
            {
              name: 'If-Match',
              in: 'header',
              required: true,
              schema: { type: 'string' },
              description: 'The ETag the update is based on; 412 if stale, 428 if missing',
            },
          ]
        : []),
      ...(route.audited
        ? [
            {
              name: 'X-Purpose',
              in: 'header',
              required: false,
              schema: { type: 'string', maxLength: 200 },
              description: 'Why the record is read; written to the audit trail',
            },
          ]
        : []),
    ];
    const responses: Record<string, JsonSchema> = {};
    for (const [status, spec] of Object.entries(route.responses)) {
      const isProblem = Number(status) >= 400;
      responses[status] = {
        description: spec.description,
        ...(spec.schema || isProblem
          ? {
              content: {
                [isProblem ? 'application/problem+json' : 'application/json']: {
                  schema: spec.schema
                    ? jsonSchemaOf(spec.schema, 'output')
                    : { $ref: '#/components/schemas/Problem' },
                },
              },
            }
          : {}),
      };
    }
    // Problems the pipeline answers for any route of this shape, so the document tells the
    // truth (Schemathesis's status_code_conformance checks it): an id in the path can name
    // nothing (404), a body can break a rule of the law (422), a version can be stale (412)
    // or missing (428).
    const generic = {
      '400': 'Invalid input',
      '401': 'No valid token',
      '403': 'Refused by policy',
      ...(route.params ? { '404': 'Not found' } : {}),
      ...(route.body ? { '422': 'Refused by a rule' } : {}),
      ...(route.ifMatch ? { '412': 'Stale version', '428': 'If-Match missing' } : {}),
    };
    for (const [status, description] of Object.entries(generic)) {
      responses[status] ??= {
        description,
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      };
    }
    (paths[path] ??= {})[route.method] = {
      operationId: route.operation,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      ...(route.tags ? { tags: route.tags } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchemaOf(route.body, 'input') } },
            },
          }
        : {}),
      responses,
      security: [{ bearer: [] }],
    };
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (RS256)' } },
    },
  };
}
