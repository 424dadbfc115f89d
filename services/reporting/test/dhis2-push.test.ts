import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReporting, type ReportingHarness } from './support.ts';

/** A stand-in for the province's DHIS2: it records each request and answers from a script. */
interface Received {
  url: string;
  authorization: string | undefined;
  body: { dataSet: string; period: string; orgUnit: string; dataValues: unknown[] };
}
const received: Received[] = [];
let answers: { status: number; body: unknown }[] = [];
let server: Server;
let reporting: ReportingHarness;

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => resolve(text));
  });

beforeAll(async () => {
  server = createServer((req, res) => {
    void readBody(req).then((text) => {
      received.push({
        url: req.url ?? '',
        authorization: req.headers.authorization,
        body: JSON.parse(text) as Received['body'],
      });
      const answer = answers.shift() ?? { status: 200, body: {} };
      res
        .writeHead(answer.status, { 'Content-Type': 'application/json' })
        .end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  reporting = await startReporting(
    { consume: false },
    {
      DHIS2_URL: `http://127.0.0.1:${port}`,
      DHIS2_USERNAME: 'rehab-push',
      DHIS2_PASSWORD: 'not-a-real-password',
      DHIS2_PUSH_ATTEMPTS: '3',
      DHIS2_PUSH_BACKOFF_MS: '10',
    },
  );
});
afterAll(async () => {
  await reporting?.stop();
  await new Promise((resolve) => server?.close(resolve));
});

const push = (body: object, claims = { agency: 'it' as const, roles: ['operator'] }) =>
  reporting.api().post('/reporting/v1/ops/dhis2-push').set(reporting.as(claims)).send(body);

const imported = {
  httpStatus: 'OK',
  httpStatusCode: 200,
  status: 'OK',
  response: {
    responseType: 'ImportSummary',
    status: 'SUCCESS',
    importCount: { imported: 40, updated: 0, ignored: 0, deleted: 0 },
    conflicts: [],
  },
};

describe('POST /reporting/v1/ops/dhis2-push', () => {
  it('sends the documented dataValueSets body with dryRun and the id schemes, retrying a server error', async () => {
    received.length = 0;
    answers = [
      { status: 503, body: { message: 'starting' } },
      { status: 200, body: imported },
    ];
    const res = await push({ period: '2026Q1', unitCode: reporting.units.province, dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dryRun: true,
      attempts: [{ httpStatus: 503 }, { httpStatus: 200 }],
      outcome: { status: 'SUCCESS', importCount: { imported: 40 } },
    });
    expect(received).toHaveLength(2);
    const [first] = received;
    expect(first?.url).toBe('/api/dataValueSets?dryRun=true&idScheme=code&orgUnitIdScheme=code');
    expect(first?.authorization).toBe(
      `Basic ${Buffer.from('rehab-push:not-a-real-password').toString('base64')}`,
    );
    expect(first?.body).toMatchObject({
      dataSet: 'REHAB_REPORT',
      period: '2026Q1',
      orgUnit: reporting.units.province,
    });
    expect(first?.body.dataValues.length).toBe(res.body.dataValues);
  });

  it('keeps the conflicts of a refused import (HTTP 409 since DHIS2 2.38) and does not retry it', async () => {
    received.length = 0;
    answers = [
      {
        status: 409,
        body: {
          httpStatus: 'Conflict',
          httpStatusCode: 409,
          status: 'ERROR',
          response: {
            responseType: 'ImportSummary',
            status: 'ERROR',
            importCount: { imported: 0, updated: 0, ignored: 40, deleted: 0 },
            conflicts: [{ object: 'REHAB_REPORT', value: 'Period 202601 is locked' }],
          },
        },
      },
    ];
    const res = await push({ period: '2026M01', unitCode: reporting.units.province });
    expect(res.body).toMatchObject({
      dryRun: false,
      attempts: [{ httpStatus: 409 }],
      outcome: {
        status: 'ERROR',
        conflicts: [{ object: 'REHAB_REPORT', value: 'Period 202601 is locked' }],
      },
    });
    expect(received.map((r) => r.body.period)).toEqual(['202601']);
  });

  it('refuses a reader without the grant and a bad period, naming the field', async () => {
    const reader = await push(
      { period: '2026Q1', unitCode: reporting.units.province },
      { agency: 'labour' as never, roles: ['analyst'] },
    );
    expect(reader.status).toBe(403);
    const bad = await push({ period: '2026-Q1', unitCode: reporting.units.province });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('period');
  });
});
