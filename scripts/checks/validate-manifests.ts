// Renders the chart and validates every manifest (Kubernetes JSON schemas via
// kubernetes-models, unknown fields, CRDs, Deployment security settings):
//   node --conditions=source scripts/checks/validate-manifests.ts [helm template args]
// Several renders in one process (the schema checker loads once), each named:
//   node --conditions=source scripts/checks/validate-manifests.ts \
//     --render default --render production -f helm/values-production.example.yaml
// Prints one line per render with its figures (objects, bytes, lines, helm template time);
// exits 1 when any render fails or has a problem.
import { checkRender, renderChart } from './manifests.ts';

interface Job {
  label: string;
  args: string[];
}

function jobsOf(argv: readonly string[]): Job[] {
  if (!argv.includes('--render'))
    return [{ label: argv.join(' ') || 'default values', args: [...argv] }];
  const jobs: Job[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--render') jobs.push({ label: argv[++i] ?? '?', args: [] });
    else jobs.at(-1)?.args.push(arg);
  }
  return jobs;
}

let failures = 0;
for (const { label, args } of jobsOf(process.argv.slice(2))) {
  const started = performance.now();
  try {
    const rendered = renderChart(args);
    const problems = checkRender(rendered.manifests);
    const kinds = new Map<string, number>();
    for (const m of rendered.manifests) kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + 1);
    const took = Math.round(performance.now() - started);
    const status = problems.length === 0 ? 'ok  ' : 'FAIL';
    console.log(
      `${status} ${`render+validate: ${label}`.padEnd(34)} ${String(took).padStart(6)} ms  ` +
        `${rendered.manifests.length} objects (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}); ` +
        `${Buffer.byteLength(rendered.text)} bytes, ${rendered.text.split('\n').length} lines; ` +
        `helm template ${Math.round(rendered.milliseconds)} ms`,
    );
    for (const problem of problems) console.log(`       ${problem}`);
    if (problems.length > 0) failures++;
  } catch (error) {
    console.log(`FAIL ${`render+validate: ${label}`.padEnd(34)}`);
    console.log(`       ${(error as Error).message}`);
    failures++;
  }
}
process.exitCode = failures > 0 ? 1 : 0;
