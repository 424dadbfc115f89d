// Renders the Helm chart and checks what it renders: every manifest against the Kubernetes
// JSON schemas (kubernetes-models) plus a strict unknown-field check derived from the same
// models' type declarations, the CRDs (ServiceMonitor, Strimzi KafkaTopic), and the security
// settings every Deployment must keep. Used by scripts/checks.sh and scripts/checks/*.test.ts.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { CHART_DIR, KUBE_VERSION, ROOT_DIR } from './chart-paths.ts';
import { deploymentSecurityProblems } from './deployment-security.ts';
import { keyOf, validateManifest } from './manifest-schemas.ts';
import { isObject, type Manifest, type Rendered } from './manifest-types.ts';

export * from './chart-paths.ts';
export * from './deployment-security.ts';
export * from './manifest-schemas.ts';
export * from './manifest-types.ts';

/** The Helm binary: $HELM, else .tools/bin/helm (scripts/setup/helm.sh), else PATH. */
export function helmBinary(): string {
  if (process.env.HELM) return process.env.HELM;
  const local = join(ROOT_DIR, '.tools/bin/helm');
  return existsSync(local) ? local : 'helm';
}

/** `helm template` of the chart with extra arguments; throws with Helm's message on failure. */
export function renderChart(args: readonly string[] = [], release = 'rehab'): Rendered {
  const started = performance.now();
  let text: string;
  try {
    text = execFileSync(
      helmBinary(),
      [
        'template',
        release,
        CHART_DIR,
        '--namespace',
        'rehab',
        '--kube-version',
        KUBE_VERSION,
        ...args,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`helm template ${args.join(' ')} failed: ${stderr.trim() || String(error)}`, {
      cause: error,
    });
  }
  const milliseconds = performance.now() - started;
  const manifests: Manifest[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`invalid YAML rendered: ${doc.errors[0]?.message}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (
      !isObject(value) ||
      typeof value.apiVersion !== 'string' ||
      typeof value.kind !== 'string'
    ) {
      throw new Error(`rendered document is not a Kubernetes object: ${JSON.stringify(value)}`);
    }
    manifests.push(value as Manifest);
  }
  return { text, manifests, milliseconds };
}

/** Every problem of a render: schemas, security of each Deployment, cross references. */
export function checkRender(manifests: readonly Manifest[]): string[] {
  const problems = manifests.flatMap((m) => validateManifest(m));
  const configMaps = manifests.filter((m) => m.kind === 'ConfigMap');
  const deployments = manifests.filter((m) => m.kind === 'Deployment');
  for (const deployment of deployments) {
    problems.push(...deploymentSecurityProblems(deployment, configMaps));
    const name = deployment.metadata.name;
    for (const kind of ['Service', 'ServiceAccount', 'NetworkPolicy']) {
      if (!manifests.some((m) => m.kind === kind && m.metadata.name === name)) {
        problems.push(`Deployment/${name}: no ${kind} of the same name`);
      }
    }
  }
  const seen = new Set<string>();
  for (const m of manifests) {
    const id = `${keyOf(m)}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;
    if (seen.has(id)) problems.push(`duplicate object ${id}`);
    seen.add(id);
  }
  return problems;
}
