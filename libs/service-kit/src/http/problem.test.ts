import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  type DomainError,
  errorCode,
  InputError,
  NotAllowedError,
  NotAuthenticatedError,
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  RuleViolationError,
  UnavailableError,
  type ErrorKind,
} from '@rehab/domain-kit';
import { notFoundHandler, problemHandler, toProblem } from './problem.ts';

const sample = errorCode(
  'sample-error',
  'Person {id} cannot be {action}',
  'Không thể {action} người {id}',
);

describe('toProblem', () => {
  const cases: [ErrorKind, DomainError, number][] = [
    ['invalid-input', new InputError(sample), 400],
    ['unauthenticated', new NotAuthenticatedError(sample), 401],
    ['not-allowed', new NotAllowedError(sample), 403],
    ['not-found', new NotFoundError(sample), 404],
    ['conflict', new ConflictError(sample), 409],
    ['precondition-failed', new PreconditionFailedError(sample), 412],
    ['rule-violated', new RuleViolationError(sample), 422],
    ['precondition-required', new PreconditionRequiredError(sample), 428],
    ['unavailable', new UnavailableError(sample), 503],
  ];

  it.each(cases)('maps kind %s to its HTTP status', (kind, error, status) => {
    expect(error.kind).toBe(kind);
    const problem = toProblem(error, 'en', '/x');
    expect(problem.status).toBe(status);
    expect(problem.code).toBe('sample-error');
    expect(problem.type).toBe('urn:rehab:problem:sample-error');
    expect(problem.instance).toBe('/x');
  });

  it('lets the caller override the status (500 for bugs)', () => {
    expect(toProblem(new UnavailableError(sample), 'en', '/x', undefined, 500).status).toBe(500);
  });

  it('writes title and detail in the requested language with params interpolated', () => {
    const error = new RuleViolationError(sample, { params: { id: 'p-1', action: 'closed' } });
    const en = toProblem(error, 'en', '/persons/p-1');
    expect(en.title).toBe('Person p-1 cannot be closed');
    expect(en.detail).toBe('Person p-1 cannot be closed');
    const vi = toProblem(error, 'vi', '/persons/p-1');
    expect(vi.title).toBe('Không thể closed người p-1');
    expect(vi.detail).toBe(vi.title);
  });

  it('leaves unknown placeholders visible', () => {
    const problem = toProblem(new InputError(sample, { params: { id: 'p-1' } }), 'en', '/x');
    expect(problem.detail).toBe('Person p-1 cannot be {action}');
  });

  it('turns a field into one errors[] entry with the error code', () => {
    const problem = toProblem(
      new InputError(sample, { field: 'residence.unitCode', params: { id: '1', action: 'a' } }),
      'en',
      '/x',
    );
    expect(problem.errors).toEqual([
      { field: 'residence.unitCode', code: 'sample-error', message: 'Person 1 cannot be a' },
    ]);
  });

  it('prefers explicit issues over the field, and omits errors when there are none', () => {
    const issues = [
      { field: 'a', code: 'too_small', message: 'too short' },
      { field: 'b', code: 'invalid_type', message: 'expected number' },
    ];
    expect(toProblem(new InputError(sample, { field: 'a', issues }), 'en', '/x').errors).toEqual(
      issues,
    );
    expect('errors' in toProblem(new InputError(sample), 'en', '/x')).toBe(false);
  });

  it('spreads details as extension members and adds legalRef and requestId', () => {
    const problem = toProblem(
      new RuleViolationError(sample, {
        details: { remainingDays: 12, regime: 'voluntary' },
        legalRef: 'Law 73/2021/QH14 Art. 23',
      }),
      'en',
      '/x',
      'req-1',
    );
    expect(problem.remainingDays).toBe(12);
    expect(problem.regime).toBe('voluntary');
    expect(problem.legalRef).toBe('Law 73/2021/QH14 Art. 23');
    expect(problem.requestId).toBe('req-1');
    expect('traceId' in problem).toBe(false);
  });
});

describe('problemHandler in an express app', () => {
  const app = express();
  app.use((_req, res, next) => {
    res.locals.requestId = 'req-42';
    next();
  });
  app.use(express.json({ limit: '1kb' }));
  app.post('/echo', (req, res) => {
    res.json(req.body);
  });
  app.get('/bug', () => {
    throw new Error('secret connection string mongodb://admin:pw@db');
  });
  app.get('/input', () => {
    throw new InputError(sample, { field: 'query.id', params: { id: '7', action: 'read' } });
  });
  app.get('/down', () => {
    throw new UnavailableError(sample, { params: { id: '7', action: 'read' } });
  });
  app.get('/async', async () => {
    await Promise.resolve();
    throw new NotFoundError(sample, { params: { id: '9', action: 'found' } });
  });
  app.use(notFoundHandler());
  app.use(problemHandler(pino({ level: 'silent' })));

  it('answers an unknown route with a 404 problem+json naming method and path', async () => {
    const res = await request(app).get('/nowhere?x=1');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(res.text) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: 404,
      code: 'route-not-found',
      detail: 'No such endpoint: GET /nowhere',
      instance: '/nowhere?x=1',
      requestId: 'req-42',
    });
  });

  it('answers a malformed JSON body with 400 malformed-json', async () => {
    const res = await request(app)
      .post('/echo')
      .set('content-type', 'application/json')
      .send('{"broken": ');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.text)).toMatchObject({ status: 400, code: 'malformed-json' });
  });

  it('answers an oversized body with body-too-large', async () => {
    const res = await request(app)
      .post('/echo')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(5_000) }));
    expect(JSON.parse(res.text)).toMatchObject({ code: 'body-too-large' });
    expect([400, 413]).toContain(res.status);
  });

  it('answers a thrown plain Error with a generic 500 that leaks nothing', async () => {
    const res = await request(app).get('/bug');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(res.text) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 500, code: 'internal-error', requestId: 'req-42' });
    expect(body.detail).toBe(
      'An unexpected error occurred; it has been logged with the request id',
    );
    expect(res.text).not.toContain('secret');
    expect(res.text).not.toContain('mongodb://');
    expect(res.text).not.toContain('stack');
  });

  it('answers the generic 500 in Vietnamese when asked', async () => {
    const res = await request(app).get('/bug').set('accept-language', 'vi-VN');
    expect(JSON.parse(res.text)).toMatchObject({
      status: 500,
      detail: 'Đã xảy ra lỗi không mong muốn; lỗi đã được ghi lại cùng mã yêu cầu',
    });
  });

  it('answers an InputError with 400 and its field', async () => {
    const res = await request(app).get('/input').set('accept-language', 'en;q=0.5, vi;q=0.9');
    expect(res.status).toBe(400);
    const body = JSON.parse(res.text) as { errors: { field: string }[]; detail: string };
    expect(body).toMatchObject({ status: 400, code: 'sample-error', instance: '/input' });
    expect(body.detail).toBe('Không thể read người 7');
    expect(body.errors[0]?.field).toBe('query.id');
  });

  it('answers an UnavailableError with 503 and an async rejection with its status', async () => {
    expect((await request(app).get('/down')).status).toBe(503);
    const res = await request(app).get('/async');
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toMatchObject({ detail: 'Person 9 cannot be found' });
  });

  it('still serves a matched route normally', async () => {
    const res = await request(app).post('/echo').send({ a: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ a: 1 });
  });
});
