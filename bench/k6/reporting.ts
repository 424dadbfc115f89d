// Load test of the reporting service's report reads (labour/social affairs):
//   k6 run -e BASE_URL=https://rehab.example.gov.vn -e TOKEN_LABOUR=<token> bench/k6/reporting.ts
// Reports are counted from events, which k6 cannot send; run it against a platform with
// data (the demo seed, or `bench/reporting.bench.ts` for a synthetic province). Four
// constant-arrival-rate scenarios, each a read by equality on unit and period:
//   province   GET /reporting/v1/indicators?period=<quarter>&unitCode=<PROVINCE_CODE>      RATE/s
//   commune    GET /reporting/v1/indicators?...&unitCode=<COMMUNE_CODE>&breakdown=sex     RATE/s
//   csv        GET /reporting/v1/reports/<year>/<PROVINCE_CODE>.csv                        RATE/4 per s
//   complete   GET /reporting/v1/completeness?period=<quarter>&unitCode=<PROVINCE_CODE>    RATE/4 per s
// PERIOD (default the current quarter) names the period read. TOKEN_LABOUR is a labour
// officer of the whole province. Thresholds on http_req_failed and per-endpoint p95/p99 fail
// the run (exit code 99).
import { check } from 'k6';
import http from 'k6/http';
import { demoUnits } from '../../libs/testing/src/payloads/registry.ts';
import { BASE_URL, load, tokenOf } from './lib/config.ts';
import { getJson } from './lib/http.ts';
import { constantRate, loadTestOptions } from './lib/options.ts';

const API = '/reporting/v1';
const ENDPOINTS = {
  province: 'GET /reporting/v1/indicators?unitCode=<province>',
  commune: 'GET /reporting/v1/indicators?unitCode=<commune>&breakdown=sex',
  csv: 'GET /reporting/v1/reports/<year>/<province>.csv',
  complete: 'GET /reporting/v1/completeness',
} as const;
const COMMUNE = __ENV.COMMUNE_CODE ?? demoUnits.communes[0];
const PROVINCE = __ENV.PROVINCE_CODE ?? demoUnits.province;
const now = new Date();
const PERIOD = __ENV.PERIOD ?? `${now.getUTCFullYear()}Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
const YEAR = PERIOD.slice(0, 4);

// k6 takes a whole number of iterations per second, and csv and complete run at RATE/4.
const scenario = (exec: string, rate: number) => constantRate(exec, Math.max(1, Math.round(rate)));

export const options = loadTestOptions({
  scenarios: {
    province: scenario('province', load.rate),
    commune: scenario('commune', load.rate),
    csv: scenario('csv', load.rate / 4),
    complete: scenario('complete', load.rate / 4),
  },
  read: Object.values(ENDPOINTS),
});

interface Data {
  labour: string;
}

export function setup(): Data {
  const labour = tokenOf('labour');
  const res = getJson(`${API}/indicators?period=${PERIOD}&unitCode=${PROVINCE}`, {
    token: labour,
    endpoint: 'setup',
  });
  if (res.status !== 200) throw new Error(`setup: ${API}/indicators answered ${res.status}`);
  return { labour };
}

const hasItems = (res: { json(): unknown }) => {
  const body = res.json() as { items?: unknown[] } | null;
  return Array.isArray(body?.items) && body.items.length > 0;
};

export function province(data: Data): void {
  const res = getJson(`${API}/indicators?period=${PERIOD}&unitCode=${PROVINCE}`, {
    token: data.labour,
    endpoint: ENDPOINTS.province,
  });
  check(res, { 'province: every indicator': () => hasItems(res) });
}

export function commune(data: Data): void {
  const res = getJson(`${API}/indicators?period=${PERIOD}&unitCode=${COMMUNE}&breakdown=sex`, {
    token: data.labour,
    endpoint: ENDPOINTS.commune,
  });
  check(res, { 'commune: every indicator': () => hasItems(res) });
}

export function csv(data: Data): void {
  const res = http.get(`${BASE_URL}${API}/reports/${YEAR}/${PROVINCE}.csv`, {
    headers: { Authorization: `Bearer ${data.labour}` },
    tags: { endpoint: ENDPOINTS.csv, name: ENDPOINTS.csv },
  });
  check(res, {
    'csv: the official table': () =>
      res.status === 200 && typeof res.body === 'string' && res.body.includes('Mã chỉ tiêu'),
  });
}

export function complete(data: Data): void {
  const res = getJson(`${API}/completeness?period=${PERIOD}&unitCode=${PROVINCE}`, {
    token: data.labour,
    endpoint: ENDPOINTS.complete,
  });
  check(res, { 'complete: the communes': () => res.status === 200 });
}
