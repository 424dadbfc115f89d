// The chart ships each released service's policy file as the default of
// services.<name>.policy (helm/files/policies/<name>.yaml: Helm reads files inside the chart
// only). The service's own policy.yaml is the source; this copies it into the chart:
//   npm run -s sync:policies
// and with --check (scripts/checks.sh, scripts/checks/helm.test.ts) fails when a copy
// differs, naming the command that fixes it, so an operation added to a service's policy
// cannot ship without the chart.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHART_DIR = join(ROOT_DIR, 'helm');

/** The services enabled by default, each with its policy file in the chart. */
export const CHART_POLICIES = [
  'registry',
  'assessment',
  'treatment',
  'vocational',
  'methadone',
  'reporting',
] as const;

const source = (service: string) => join(ROOT_DIR, 'services', service, 'policy.yaml');
const copy = (service: string) => join(CHART_DIR, 'files', 'policies', `${service}.yaml`);
const read = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/** The services whose chart copy differs from their policy.yaml. */
export function policyDrift(): string[] {
  return CHART_POLICIES.filter((service) => read(copy(service)) !== read(source(service)));
}

function main(argv: readonly string[]): number {
  const drifted = policyDrift();
  if (argv.includes('--check')) {
    if (drifted.length === 0) {
      console.log(`chart policies match ${CHART_POLICIES.join(', ')}`);
      return 0;
    }
    console.log(
      `helm/files/policies differs from services/<name>/policy.yaml for: ${drifted.join(', ')}; run npm run -s sync:policies`,
    );
    return 1;
  }
  for (const service of drifted) {
    writeFileSync(copy(service), readFileSync(source(service), 'utf8'));
    console.log(`copied services/${service}/policy.yaml to helm/files/policies/${service}.yaml`);
  }
  if (drifted.length === 0) console.log('chart policies already match');
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv);
