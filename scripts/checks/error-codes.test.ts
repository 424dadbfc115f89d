// One vocabulary: every stable error code is defined once (a code two services share lives in
// domain-kit's sharedErrors), so one code has one wording and one meaning everywhere.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** The production sources of every library and service. */
function allSources(): string[] {
  const dirs = ['libs', 'services'].flatMap((top) =>
    readdirSync(join(root, top)).map((pkg) => join(root, top, pkg, 'src')),
  );
  return dirs.flatMap((dir) => (statSync(dir, { throwIfNoEntry: false }) ? sources(dir) : []));
}

/** Every `errorCode('<code>', …)` definition in the libraries and services, by code. */
function definitions(): Map<string, string[]> {
  const byCode = new Map<string, string[]>();
  for (const file of allSources()) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/errorCode\(\s*'([a-z0-9-]+)'/g)) {
      const code = match[1] ?? '';
      const line = text.slice(0, match.index).split('\n').length;
      byCode.set(code, [...(byCode.get(code) ?? []), `${relative(root, file)}:${line}`]);
    }
  }
  return byCode;
}

/** The HTTP status of each error class (libs/domain-kit/src/errors/kinds.ts). */
const STATUS_OF: Record<string, number> = {
  InputError: 400,
  NotAuthenticatedError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  PreconditionFailedError: 412,
  RuleViolationError: 422,
  PreconditionRequiredError: 428,
  UnavailableError: 503,
};

/** How a source names each code: `objectName.property` or a plain constant name. */
function codeNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const file of allSources()) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(\w+)(?::|\s*=)\s*errorCode\(\s*'([a-z0-9-]+)'/g)) {
      const [, name = '', code = ''] = match;
      const before = text.slice(0, match.index);
      const owner = [...before.matchAll(/^(?:export )?const (\w+)(?::[^=]+)?\s*=\s*\{/gm)].at(-1);
      // A property of an object literal whose definition is still open at this point.
      const inObject = owner && !/^\}/m.test(before.slice((owner.index ?? 0) + 1));
      names.set(inObject ? `${owner[1]}.${name}` : name, code);
      names.set(name, names.has(name) && names.get(name) !== code ? '' : code);
    }
  }
  return names;
}

/** Every `new XError(<code reference>` in the sources: code → statuses and places. */
function throwSites(): Map<string, Map<number, string[]>> {
  const names = codeNames();
  const byCode = new Map<string, Map<number, string[]>>();
  for (const file of allSources()) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/new (\w+Error)\(\s*([\w.]+)/g)) {
      const [, kind = '', reference = ''] = match;
      const status = STATUS_OF[kind];
      const code = names.get(reference) || names.get(reference.split('.').at(-1) ?? '');
      if (!status || !code) continue;
      const line = text.slice(0, match.index).split('\n').length;
      const statuses = byCode.get(code) ?? new Map<number, string[]>();
      statuses.set(status, [...(statuses.get(status) ?? []), `${relative(root, file)}:${line}`]);
      byCode.set(code, statuses);
    }
  }
  return byCode;
}

describe('stable error codes', () => {
  it('each answer with one status wherever they are thrown', () => {
    const sites = throwSites();
    expect(sites.size).toBeGreaterThan(50); // the scan really resolves the throw sites
    const mixed = [...sites].filter(([, statuses]) => statuses.size > 1);
    expect(
      Object.fromEntries(mixed.map(([code, statuses]) => [code, Object.fromEntries(statuses)])),
    ).toEqual({});
  });

  it('are each defined in one place only', () => {
    const all = definitions();
    expect(all.size).toBeGreaterThan(50); // the scan really reads the sources
    const twice = [...all].filter(([, places]) => places.length > 1);
    expect(Object.fromEntries(twice)).toEqual({});
  });
});
