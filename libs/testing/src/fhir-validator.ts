// FHIR R4 validation with HAPI FHIR's instance validator, the one the FHIR community uses
// (scripts/setup/hapi-fhir.sh installs it; tools/fhir-validator is the Java side). The JVM
// takes seconds to load the specification, so one process per test worker serves every
// call: a resource per line on its stdin, an answer per line on its stdout, in order.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** One message of the validator, as HAPI reports it. */
export interface FhirIssue {
  severity: 'fatal' | 'error' | 'warning' | 'information';
  /** FHIRPath-like location, e.g. `Bundle.entry[2].resource.status`. */
  location: string;
  message: string;
  /** HAPI's message key, e.g. `Terminology_TX_NoValid_16`. */
  messageId?: string;
  line?: number;
  column?: number;
}

export interface FhirValidation {
  /** Fatal and error messages: a conformant resource has none. */
  errors: FhirIssue[];
  warnings: FhirIssue[];
  /** Milliseconds the validator spent on this resource (startup excluded). */
  ms: number;
}

/** Anything JSON with a `resourceType`: typed FHIR resources from any typing package fit. */
export type FhirResourceLike = { readonly resourceType: string };

const classpathFile = fileURLToPath(
  new URL('../../../.tools/fhir-validator/classpath', import.meta.url),
);

interface Pending {
  resolve(answer: WireAnswer): void;
  reject(error: Error): void;
}
interface WireAnswer {
  issues: FhirIssue[];
  ms: number;
}
interface Server {
  child: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  pending: Pending[];
  stderr: string[];
  /** Calls awaiting an answer: while any does, the process keeps Node's event loop alive. */
  busy: number;
}

let server: Server | undefined;

function classpath(): string {
  if (!existsSync(classpathFile)) {
    throw new Error(
      'the HAPI FHIR validator is not installed: run `bash scripts/setup/hapi-fhir.sh` ' +
        '(scripts/setup.sh, and so `npm test`, runs it)',
    );
  }
  return readFileSync(classpathFile, 'utf8').trim();
}

/**
 * The JVM's options (FHIR_VALIDATOR_JAVA_OPTS overrides them). The client compiler alone
 * starts the validator in about half the time on two busy cores, and a test validates too
 * few resources for the optimising compiler to pay off.
 */
function javaOptions(): string[] {
  const override = process.env.FHIR_VALIDATOR_JAVA_OPTS?.trim();
  if (override) return override.split(/\s+/);
  return ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xss4m'];
}

function startServer(): Server {
  const child = spawn(
    'java',
    [...javaOptions(), '-cp', classpath(), 'rehab.fhir.ValidatorMain', '--serve'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const state: Server = { child, ready: Promise.resolve(), pending: [], stderr: [], busy: 0 };
  const failAll = (error: Error) => {
    for (const waiting of state.pending.splice(0)) waiting.reject(error);
  };
  state.ready = new Promise<void>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    let started = false;
    lines.on('line', (line) => {
      if (!started) {
        started = true;
        resolve();
        return;
      }
      const waiting = state.pending.shift();
      waiting?.resolve(JSON.parse(line) as WireAnswer);
    });
    child.once('exit', (code, signal) => {
      const error = new Error(
        `the FHIR validator exited (${signal ?? code}); its stderr:\n${state.stderr.join('').slice(-4000)}`,
      );
      if (server === state) server = undefined;
      reject(error);
      failAll(error);
    });
    child.once('error', (error) => {
      if (server === state) server = undefined;
      reject(error);
      failAll(error);
    });
  });
  child.stderr.on('data', (chunk: Buffer) => {
    state.stderr.push(chunk.toString('utf8'));
    if (state.stderr.length > 200) state.stderr.splice(0, 100);
  });
  // An idle validator must never keep a process alive (it exits when its stdin closes);
  // holdWhileBusy keeps it referenced while an answer is awaited.
  setReferenced(state, false);
  return state;
}

type Referable = { ref?: () => void; unref?: () => void };
function setReferenced(state: Server, referenced: boolean): void {
  const { child } = state;
  for (const handle of [child, child.stdin, child.stdout, child.stderr] as Referable[]) {
    if (referenced) handle.ref?.();
    else handle.unref?.();
  }
}

/**
 * Validates one FHIR R4 resource (a Bundle validates every entry) against the base
 * specification: structure, cardinalities, invariants and required bindings.
 */
export async function validateFhir<Resource extends FhirResourceLike>(
  resource: Resource,
): Promise<FhirValidation> {
  server ??= startServer();
  const current = server;
  current.busy += 1;
  setReferenced(current, true);
  let answer: WireAnswer;
  try {
    await current.ready;
    answer = await new Promise<WireAnswer>((resolve, reject) => {
      current.pending.push({ resolve, reject });
      // One line per resource: JSON.stringify never emits a raw newline.
      current.child.stdin.write(`${JSON.stringify(resource)}\n`);
    });
  } finally {
    current.busy -= 1;
    if (current.busy === 0) setReferenced(current, false);
  }
  const errors = answer.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  const warnings = answer.issues.filter((i) => i.severity === 'warning');
  return { errors, warnings, ms: answer.ms };
}

/** Stops the validator process (it also ends by itself with the test process). */
export async function stopFhirValidator(): Promise<void> {
  const current = server;
  server = undefined;
  if (!current || current.child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    current.child.once('exit', () => resolve());
    current.child.stdin.end();
  });
}
