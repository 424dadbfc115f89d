// Prints a development JWT signed with .data/keys/dev-jwt.key.pem (created by `npm start`).
//
//   npm run -s token -- --agency police --role officer [--role admin | --role officer,admin]
//                       [--unit 99001] [--sub user-id] [--ttl 8h]
//
// The token is the last line of the output, so `$(npm run -s token -- ... | tail -1)` works.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { signToken, type TokenClaims } from '../libs/testing/src/identity.ts';

const agencies = [
  'police',
  'health',
  'labour',
  'commune',
  'court',
  'facility',
  'it',
] as const satisfies readonly TokenClaims['agency'][];

/** The demo province (libs/service-kit/data/admin-units.demo.yaml): provincial scope. */
const DEMO_PROVINCE = '99';
const rootDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const devPrivateKeyFile = join(rootDir, '.data', 'keys', 'dev-jwt.key.pem');

const usage = `usage: npm run -s token -- --agency <${agencies.join('|')}> --role <role>[,<role>...]
                          [--unit <unit code, default ${DEMO_PROVINCE}>] [--sub <user id>] [--ttl <8h|30m|1d|seconds>]`;

function fail(message: string): never {
  console.error(`token: ${message}\n${usage}`);
  process.exit(2);
}

function isAgency(value: string): value is TokenClaims['agency'] {
  return (agencies as readonly string[]).includes(value);
}

/** "8h", "30m", "1d", "45s" or plain seconds, as seconds. */
export function parseTtl(value: string): number | undefined {
  const match = /^(\d+)\s*([smhd]?)$/.exec(value.trim());
  if (!match) return undefined;
  const factor = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  const seconds = Number(match[1]) * factor;
  return seconds > 0 ? seconds : undefined;
}

function main(): void {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        agency: { type: 'string' },
        role: { type: 'string', multiple: true },
        unit: { type: 'string', default: DEMO_PROVINCE },
        sub: { type: 'string' },
        ttl: { type: 'string', default: '8h' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const agency = values.agency;
  if (!agency) fail('--agency is required');
  if (!isAgency(agency)) fail(`unknown agency "${agency}" (one of: ${agencies.join(', ')})`);
  const roles = (values.role ?? [])
    .flatMap((role) => role.split(','))
    .map((role) => role.trim())
    .filter((role) => role.length > 0);
  if (roles.length === 0) fail('give at least one --role');
  const ttl = parseTtl(values.ttl);
  if (ttl === undefined)
    fail(`--ttl "${values.ttl}" is not a duration such as 8h, 30m, 1d or 3600`);
  const orgUnit = values.unit.trim();
  if (!orgUnit) fail('--unit must not be empty');

  let privateKeyPem: string;
  try {
    privateKeyPem = readFileSync(devPrivateKeyFile, 'utf8');
  } catch {
    console.error(
      `token: no development signing key at .data/keys/dev-jwt.key.pem; run npm start first (or bash scripts/dev-keys.sh)`,
    );
    process.exit(1);
  }
  const claims: TokenClaims = {
    sub: values.sub ?? `${agency}-${roles[0]}-dev`,
    agency,
    orgUnit,
    roles,
  };
  console.log(signToken(privateKeyPem, claims, { expiresIn: ttl }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
