// Nx runs the packages' own targets (nx.json, each package.json's `nx` block): every
// package declares lint, typecheck, test and build, and `nx affected` picks the packages a
// change reaches through their dependencies, and no others.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from './manifests.ts';

const nx = (...args: string[]) =>
  execFileSync('npx', ['nx', ...args], {
    cwd: ROOT_DIR,
    encoding: 'utf8',
    env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
const affectedBy = (file: string) =>
  nx('show', 'projects', '--affected', `--files=${file}`).trim().split('\n').filter(Boolean).sort();

const packages = ['libs', 'services'].flatMap((top) =>
  readdirSync(join(ROOT_DIR, top)).map((name) => join(top, name)),
);

describe('the Nx workspace', { timeout: 60_000 }, () => {
  it('has every package declare lint, typecheck, test and (but the test kit) build', () => {
    for (const dir of packages) {
      const manifest = JSON.parse(readFileSync(join(ROOT_DIR, dir, 'package.json'), 'utf8')) as {
        nx?: { targets?: Record<string, unknown> };
      };
      const expected =
        dir === 'libs/testing'
          ? ['lint', 'test', 'typecheck']
          : ['build', 'lint', 'test', 'typecheck'];
      expect(Object.keys(manifest.nx?.targets ?? {}).sort(), dir).toEqual(expected);
    }
  });

  it('affects only the registry for a change inside it', () => {
    expect(affectedBy('services/registry/src/main.ts')).toEqual(['@rehab/registry']);
  });

  it('affects the kit and every service on it for a change in the persistence kit', () => {
    const affected = affectedBy('libs/persistence/src/claims.ts');
    expect(affected).toEqual(
      expect.arrayContaining([
        '@rehab/persistence',
        '@rehab/service-kit',
        '@rehab/registry',
        '@rehab/assessment',
        '@rehab/treatment',
      ]),
    );
    expect(affected).not.toContain('@rehab/domain-kit');
    expect(affected).not.toContain('@rehab/events');
  });
});
