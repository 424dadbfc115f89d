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

/** Every `errorCode('<code>', …)` definition in the libraries and services, by code. */
function definitions(): Map<string, string[]> {
  const byCode = new Map<string, string[]>();
  const dirs = ['libs', 'services'].flatMap((top) =>
    readdirSync(join(root, top)).map((pkg) => join(root, top, pkg, 'src')),
  );
  for (const file of dirs.flatMap((dir) =>
    statSync(dir, { throwIfNoEntry: false }) ? sources(dir) : [],
  )) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/errorCode\(\s*'([a-z0-9-]+)'/g)) {
      const code = match[1] ?? '';
      const line = text.slice(0, match.index).split('\n').length;
      byCode.set(code, [...(byCode.get(code) ?? []), `${relative(root, file)}:${line}`]);
    }
  }
  return byCode;
}

describe('stable error codes', () => {
  it('are each defined in one place only', () => {
    const all = definitions();
    expect(all.size).toBeGreaterThan(50); // the scan really reads the sources
    const twice = [...all].filter(([, places]) => places.length > 1);
    expect(Object.fromEntries(twice)).toEqual({});
  });
});
