// Runs Schemathesis (scripts/setup/schemathesis.sh installs it into .tools/venv) against a
// service started in-process on the test stack: it reads the service's own OpenAPI document
// from /<service>/openapi.json, generates requests from it (examples, coverage, fuzzing and
// the stateful phase) and checks every response against the document.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const schemathesisBin = fileURLToPath(
  new URL('../../.tools/venv/bin/schemathesis', import.meta.url),
);

/**
 * The pass mark of issue 13: no server error, and every status, content type and body as
 * documented. Checks of request validation strictness (negative_data_rejection and the like)
 * are not part of it.
 */
export const contractChecks = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
] as const;

export interface FuzzRun {
  exitCode: number | null;
  /** Schemathesis's report: failures with a curl line to reproduce each. */
  output: string;
  operations?: string;
  generated?: number;
  failures: number;
  /** Failures the baseline accepts (each still reported by Schemathesis). */
  accepted: number;
  /** How long Schemathesis ran, in milliseconds. */
  ms: number;
}

export interface FuzzOptions {
  /** The service's name: its document is at /<service>/openapi.json. */
  service: string;
  app: RequestListener;
  /** `Bearer …` of a caller the service trusts. */
  authorization: string;
  maxExamples: number;
  seed: number;
  /** Failures accepted for now (schemathesis --baseline): each one is reported, and known. */
  baselineFile?: string;
  /** Schemathesis is killed after this long; the run then fails. */
  timeoutMs: number;
  /** Only the operations whose path matches (schemathesis --include-path-regex). */
  includePathRegex?: string;
  /**
   * Values of records the harness created, by parameter (`path.id`, `body.personId`, …):
   * Schemathesis draws from them half of the time, so requests reach real records and the
   * rules behind them, not only 404s.
   */
  known?: Record<string, readonly string[]>;
}

/** A schemathesis.toml binding each known parameter to a dictionary of its values. */
function configOf(known: Record<string, readonly string[]>): string {
  const lines: string[] = [];
  const entries = Object.entries(known).filter(([, values]) => values.length > 0);
  entries.forEach(([, values], i) => {
    lines.push(`[dictionaries.known${i}]`, `values = ${JSON.stringify(values)}`, '');
  });
  lines.push('[parameters]');
  entries.forEach(([parameter], i) => {
    lines.push(`${JSON.stringify(parameter)} = { dictionary = "known${i}", probability = 0.5 }`);
  });
  return `${lines.join('\n')}\n`;
}

function listen(app: RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(app);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function summaryOf(
  output: string,
): Pick<FuzzRun, 'operations' | 'generated' | 'failures' | 'accepted'> {
  const operations = /Operations:\s+(\d+ selected \/ \d+ total)/.exec(output)?.[1];
  const generated = /(\d+) generated/.exec(output)?.[1];
  const failures = /(\d+) unique failures?/.exec(output)?.[1];
  const accepted = /Known failures: (\d+)/.exec(output)?.[1];
  return {
    accepted: accepted ? Number(accepted) : 0,
    ...(operations ? { operations } : {}),
    ...(generated ? { generated: Number(generated) } : {}),
    failures: failures ? Number(failures) : 0,
  };
}

/** Fuzzes one service; resolves when Schemathesis has finished (or was killed). */
export async function fuzzService(options: FuzzOptions): Promise<FuzzRun> {
  if (!existsSync(schemathesisBin)) {
    throw new Error(
      'Schemathesis is not installed: run `bash scripts/setup/schemathesis.sh` ' +
        '(scripts/setup.sh, and so `npm test`, runs it)',
    );
  }
  const server = await listen(options.app);
  // Schemathesis keeps a cache of failing cases in its working directory: not in the repo.
  const workDir = mkdtempSync(join(tmpdir(), `schemathesis-${options.service}-`));
  const configFile = join(workDir, 'schemathesis.toml');
  writeFileSync(configFile, configOf(options.known ?? {}));
  const args = [
    '--config-file',
    configFile,
    'run',
    `${server.url}/${options.service}/openapi.json`,
    '--url',
    server.url,
    '--header',
    `Authorization: ${options.authorization}`,
    '--checks',
    contractChecks.join(','),
    '--max-examples',
    String(options.maxExamples),
    '--seed',
    String(options.seed),
    // Two cores are shared with the other test files: one worker, a bounded run.
    '--workers',
    '1',
    '--request-timeout',
    '10',
    '--no-color',
    ...(options.baselineFile ? ['--baseline', options.baselineFile] : []),
    ...(options.baselineFile && recordBaseline() ? ['--baseline-update'] : []),
    ...(options.includePathRegex ? ['--include-path-regex', options.includePathRegex] : []),
  ];
  if (options.baselineFile) mkdirSync(dirname(options.baselineFile), { recursive: true });
  const started = Date.now();
  try {
    const { exitCode, output } = await new Promise<{ exitCode: number | null; output: string }>(
      (resolve, reject) => {
        const child = spawn(schemathesisBin, args, {
          cwd: workDir,
          env: { ...process.env, NO_COLOR: '1', PYTHONUNBUFFERED: '1' },
        });
        const chunks: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
        const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
        child.once('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        child.once('close', (code) => {
          clearTimeout(timer);
          resolve({ exitCode: code, output: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    return { exitCode, output, ...summaryOf(output), ms: Date.now() - started };
  } finally {
    await server.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The part of the report that explains a failed run: failures, warnings and summary. */
export function failureReport(run: FuzzRun): string {
  const start = run.output.indexOf('FAILURES');
  return (start >= 0 ? run.output.slice(start) : run.output).slice(0, 20_000);
}

/**
 * The failures of a service accepted for now (test/contract/baselines/<service>.json), each a
 * known bug reported to its owner: Schemathesis still reports them, and fails on any other.
 * With SCHEMATHESIS_RECORD_BASELINE=1 the run's failures are added to the file (a deliberate
 * step: the lead decides which findings may wait).
 */
export function baselineOf(service: string): string | undefined {
  const file = fileURLToPath(new URL(`./baselines/${service}.json`, import.meta.url));
  return existsSync(file) || recordBaseline() ? file : undefined;
}

function recordBaseline(): boolean {
  return process.env.SCHEMATHESIS_RECORD_BASELINE === '1';
}
