import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildOpenApi, jsonSchemaOf } from './openapi.ts';
import { defineRoute, type RouteDefinition } from './route.ts';

const person = z.object({ id: z.string(), fullName: z.string() });

const getPerson = defineRoute({
  method: 'get',
  path: '/persons/:id/episodes/:episodeId',
  operation: 'person.read',
  summary: 'Read an episode',
  tags: ['persons'],
  params: z.object({ id: z.string().describe('Person id'), episodeId: z.string() }),
  query: z.object({
    asOf: z.iso.date().describe('Date the record is read as of'),
    limit: z.coerce.number().int().default(50),
    cursor: z.string().optional(),
  }),
  audited: { personIds: () => [] },
  responses: {
    200: { description: 'The episode', schema: person },
    404: { description: 'No such person' },
  },
  handler: async () => ({ status: 200 }),
});

const registerPerson = defineRoute({
  method: 'post',
  path: '/persons',
  operation: 'person.register',
  summary: 'Register a person',
  description: 'Creates the person record',
  body: z.object({ fullName: z.string().min(1), nickname: z.string().optional() }),
  idempotent: true,
  responses: { 201: { description: 'Registered', schema: person, headers: { ETag: 'v' } } },
  handler: async () => ({ status: 201 }),
});

const updatePerson = defineRoute({
  method: 'put',
  path: '/persons/:id',
  operation: 'person.update',
  summary: 'Update a person',
  params: z.object({ id: z.string() }),
  body: z.object({ fullName: z.string() }),
  ifMatch: true,
  responses: {
    200: { description: 'Updated' },
    400: { description: 'Custom invalid input' },
  },
  handler: async () => ({ status: 200 }),
});

type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required: boolean; description?: string }[];
  requestBody?: { required: boolean; content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
  security: unknown[];
};

const routes = [getPerson, registerPerson, updatePerson] as RouteDefinition[];
const doc = buildOpenApi({ title: 'Registry', version: '1.0.0' }, '/registry/v1', routes) as {
  openapi: string;
  info: unknown;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};
const op = (path: string, method: string): Operation => {
  const found = doc.paths[path]?.[method];
  if (!found) throw new Error(`no ${method} ${path} in ${Object.keys(doc.paths).join(', ')}`);
  return found;
};

describe('buildOpenApi', () => {
  it('produces an OpenAPI 3.1 document with the info and the Problem schema', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toEqual({ title: 'Registry', version: '1.0.0' });
    expect(doc.components.schemas.Problem).toBeDefined();
    expect(doc.components.securitySchemes.bearer).toMatchObject({ scheme: 'bearer' });
  });

  it('prefixes the base path and converts express :params to {params}', () => {
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/registry/v1/persons',
      '/registry/v1/persons/{id}',
      '/registry/v1/persons/{id}/episodes/{episodeId}',
    ]);
  });

  it('lists path parameters as required, with their descriptions', () => {
    const params = op('/registry/v1/persons/{id}/episodes/{episodeId}', 'get').parameters!;
    expect(params.filter((p) => p.in === 'path')).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true, description: 'Person id' }),
      expect.objectContaining({ name: 'episodeId', in: 'path', required: true }),
    ]);
  });

  it('lists query parameters, required only when the schema requires them', () => {
    const query = op('/registry/v1/persons/{id}/episodes/{episodeId}', 'get').parameters!.filter(
      (p) => p.in === 'query',
    );
    const required = Object.fromEntries(query.map((p) => [p.name, p.required]));
    expect(required).toEqual({ asOf: true, limit: false, cursor: false });
    expect(query.find((p) => p.name === 'asOf')?.description).toBe('Date the record is read as of');
  });

  it('documents the request body from the zod schema (input side)', () => {
    const body = op('/registry/v1/persons', 'post').requestBody!;
    expect(body.required).toBe(true);
    const schema = body.content['application/json']!.schema;
    expect(schema).toMatchObject({
      type: 'object',
      required: ['fullName'],
      properties: { fullName: { type: 'string', minLength: 1 }, nickname: { type: 'string' } },
    });
    expect('$schema' in schema).toBe(false);
    expect(op('/registry/v1/persons/{id}/episodes/{episodeId}', 'get').requestBody).toBeUndefined();
  });

  it('documents Idempotency-Key, If-Match and X-Purpose only on routes that flag them', () => {
    const headers = (path: string, method: string) =>
      (op(path, method).parameters ?? [])
        .filter((p) => p.in === 'header')
        .map((p) => [p.name, p.required]);
    expect(headers('/registry/v1/persons', 'post')).toEqual([['Idempotency-Key', false]]);
    expect(headers('/registry/v1/persons/{id}', 'put')).toEqual([['If-Match', true]]);
    expect(headers('/registry/v1/persons/{id}/episodes/{episodeId}', 'get')).toEqual([
      ['X-Purpose', false],
    ]);
  });

  it('adds 400/401/403 problem responses unless the route documents its own', () => {
    for (const [path, method] of [
      ['/registry/v1/persons', 'post'],
      ['/registry/v1/persons/{id}/episodes/{episodeId}', 'get'],
    ] as const) {
      const responses = op(path, method).responses;
      for (const status of ['400', '401', '403']) {
        expect(responses[status]?.content?.['application/problem+json']?.schema).toEqual({
          $ref: '#/components/schemas/Problem',
        });
      }
    }
    expect(op('/registry/v1/persons/{id}', 'put').responses['400']?.description).toBe(
      'Custom invalid input',
    );
  });

  it('documents 404 for a path id, 422 for a body, 412/428 for If-Match, as the pipeline answers', () => {
    const statuses = (path: string, method: string) =>
      Object.keys(op(path, method).responses).sort();
    expect(statuses('/registry/v1/persons/{id}/episodes/{episodeId}', 'get')).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
    ]);
    expect(statuses('/registry/v1/persons', 'post')).toEqual(['201', '400', '401', '403', '422']);
    expect(statuses('/registry/v1/persons/{id}', 'put')).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '412',
      '422',
      '428',
    ]);
    // The route's own description wins over the generic one.
    expect(
      op('/registry/v1/persons/{id}/episodes/{episodeId}', 'get').responses['404']?.description,
    ).toBe('No such person');
  });

  it('documents declared responses: success schemas as JSON, errors as problems', () => {
    const responses = op('/registry/v1/persons/{id}/episodes/{episodeId}', 'get').responses;
    expect(responses['200']?.content?.['application/json']?.schema).toMatchObject({
      type: 'object',
      properties: { id: { type: 'string' }, fullName: { type: 'string' } },
    });
    expect(responses['404']).toEqual({
      description: 'No such person',
      content: {
        'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
      },
    });
    expect(op('/registry/v1/persons/{id}', 'put').responses['200']).toEqual({
      description: 'Updated',
    });
  });

  it('uses the policy operation as operationId and requires a bearer token', () => {
    const post = op('/registry/v1/persons', 'post');
    expect(post.operationId).toBe('person.register');
    expect(post.summary).toBe('Register a person');
    expect(post.description).toBe('Creates the person record');
    expect(post.security).toEqual([{ bearer: [] }]);
    expect(op('/registry/v1/persons/{id}/episodes/{episodeId}', 'get').tags).toEqual(['persons']);
  });

  it('omits parameters when a route has none', () => {
    const bare = defineRoute({
      method: 'delete',
      path: '/cache',
      operation: 'cache.clear',
      summary: 'Clear',
      responses: { 204: { description: 'Cleared' } },
      handler: async () => ({ status: 204 }),
    });
    const built = buildOpenApi({ title: 't', version: '1' }, '', [bare as RouteDefinition]) as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect('parameters' in built.paths['/cache']!.delete!).toBe(false);
  });
});

describe('jsonSchemaOf', () => {
  it('differs between input and output for defaulted fields', () => {
    const schema = z.object({ limit: z.number().default(5) });
    expect(jsonSchemaOf(schema, 'input').required ?? []).not.toContain('limit');
    expect(jsonSchemaOf(schema, 'output').required).toContain('limit');
  });
});
