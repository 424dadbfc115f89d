// Renders the Helm chart and checks what it renders: every manifest against the Kubernetes
// JSON schemas (kubernetes-models) plus a strict unknown-field check derived from the same
// models' type declarations, the CRDs (ServiceMonitor, Strimzi KafkaTopic), and the security
// settings every Deployment must keep. Used by scripts/checks.sh and scripts/checks/*.test.ts.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import * as apps from 'kubernetes-models/apps/v1';
import * as autoscaling from 'kubernetes-models/autoscaling/v2';
import * as core from 'kubernetes-models/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';
import * as policy from 'kubernetes-models/policy/v1';
import * as monitoring from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';

export const ROOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CHART_DIR = join(ROOT_DIR, 'helm');
/** The oldest Kubernetes the chart declares (Chart.yaml kubeVersion ">=1.29.0-0"). */
export const KUBE_VERSION = '1.29.0';

/** A rendered Kubernetes object; fields are checked, not trusted. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

export interface Rendered {
  text: string;
  manifests: Manifest[];
  milliseconds: number;
}

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

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------
// Schema validation

interface ModelClass {
  // `never`: each model takes its own data type; the rendered object is checked at run time.
  new (data: never): { validate(): void };
}

/** apiVersion/kind -> the kubernetes-models class and its type declaration (for field names). */
const MODELS: Record<string, { model: ModelClass; typeImport: string }> = {
  'apps/v1/Deployment': { model: apps.Deployment, typeImport: 'kubernetes-models/apps/v1' },
  'v1/Service': { model: core.Service, typeImport: 'kubernetes-models/v1' },
  'v1/ServiceAccount': { model: core.ServiceAccount, typeImport: 'kubernetes-models/v1' },
  'v1/ConfigMap': { model: core.ConfigMap, typeImport: 'kubernetes-models/v1' },
  'autoscaling/v2/HorizontalPodAutoscaler': {
    model: autoscaling.HorizontalPodAutoscaler,
    typeImport: 'kubernetes-models/autoscaling/v2',
  },
  'policy/v1/PodDisruptionBudget': {
    model: policy.PodDisruptionBudget,
    typeImport: 'kubernetes-models/policy/v1',
  },
  'networking.k8s.io/v1/NetworkPolicy': {
    model: networking.NetworkPolicy,
    typeImport: 'kubernetes-models/networking.k8s.io/v1',
  },
  'networking.k8s.io/v1/Ingress': {
    model: networking.Ingress,
    typeImport: 'kubernetes-models/networking.k8s.io/v1',
  },
  'monitoring.coreos.com/v1/ServiceMonitor': {
    model: monitoring.ServiceMonitor,
    typeImport: '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
  },
};

/**
 * API groups/versions served by Kubernetes 1.29 (the chart's minimum) that the chart may use.
 * Anything else (a beta API removed later, an alpha one) fails the check.
 */
export const ALLOWED_API_VERSIONS = new Set([
  'v1',
  'apps/v1',
  'autoscaling/v2',
  'policy/v1',
  'networking.k8s.io/v1',
  'monitoring.coreos.com/v1',
  'kafka.strimzi.io/v1beta2',
]);

const keyOf = (m: Pick<Manifest, 'apiVersion' | 'kind'>) => `${m.apiVersion}/${m.kind}`;

/** Problems of one manifest: JSON schema, unknown fields, names; empty when valid. */
export function validateManifest(manifest: Manifest): string[] {
  const where = `${manifest.kind}/${manifest.metadata?.name ?? '?'}`;
  const problems: string[] = [];
  if (!ALLOWED_API_VERSIONS.has(manifest.apiVersion)) {
    problems.push(
      `${where}: apiVersion ${manifest.apiVersion} is not allowed for Kubernetes 1.29+`,
    );
  }
  const name = manifest.metadata?.name;
  if (typeof name !== 'string' || !/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name)) {
    problems.push(`${where}: metadata.name is not a DNS subdomain`);
  }
  if (manifest.kind === 'KafkaTopic') {
    return [...problems, ...validateKafkaTopic(manifest).map((p) => `${where}: ${p}`)];
  }
  const entry = MODELS[keyOf(manifest)];
  if (!entry) return [...problems, `${where}: no schema known for ${keyOf(manifest)}`];
  try {
    new entry.model(manifest as never).validate();
  } catch (error) {
    problems.push(`${where}: ${(error as Error).message}`);
  }
  problems.push(...unknownFields(manifest).map((p) => `${where}: unknown field ${p}`));
  return problems;
}

/** Strimzi KafkaTopic (kafka.strimzi.io/v1beta2): a minimal structural schema of our own. */
export function validateKafkaTopic(manifest: Manifest): string[] {
  const problems: string[] = [];
  if (manifest.apiVersion !== 'kafka.strimzi.io/v1beta2') problems.push('apiVersion');
  if (!manifest.metadata.labels?.['strimzi.io/cluster']) {
    problems.push('label strimzi.io/cluster is required (the topic operator ignores it otherwise)');
  }
  const spec = manifest.spec;
  if (!isObject(spec)) return [...problems, 'spec is required'];
  const allowed = new Set(['topicName', 'partitions', 'replicas', 'config']);
  for (const key of Object.keys(spec))
    if (!allowed.has(key)) problems.push(`unknown field spec.${key}`);
  if (typeof spec.topicName !== 'string' || !/^[a-zA-Z0-9._-]{1,249}$/.test(spec.topicName)) {
    problems.push('spec.topicName must be a Kafka topic name');
  }
  if (!Number.isInteger(spec.partitions) || (spec.partitions as number) < 1) {
    problems.push('spec.partitions must be an integer >= 1');
  }
  const replicas = spec.replicas;
  if (!Number.isInteger(replicas) || (replicas as number) < 1 || (replicas as number) > 32767) {
    problems.push('spec.replicas must be an integer in 1..32767');
  }
  if (spec.config !== undefined) {
    if (!isObject(spec.config)) problems.push('spec.config must be an object');
    else {
      const minIsr = spec.config['min.insync.replicas'];
      if (typeof minIsr === 'number' && typeof replicas === 'number' && minIsr > replicas) {
        problems.push('min.insync.replicas exceeds replicas: producers with acks=all would fail');
      }
      const retention = spec.config['retention.ms'];
      if (retention !== undefined && (!Number.isInteger(retention) || (retention as number) < -1)) {
        problems.push('retention.ms must be an integer >= -1');
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Unknown fields. The models' validators accept unknown properties, but the API server
// rejects them (kubectl's strict field validation), so a typo such as `readinesProbe` must
// fail here. The field names come from the models' own TypeScript declarations.

let checker: { checker: ts.TypeChecker; types: Map<string, ts.Type> } | undefined;

function modelTypes(): { checker: ts.TypeChecker; types: Map<string, ts.Type> } {
  if (checker) return checker;
  const virtualFile = join(ROOT_DIR, 'scripts/checks/__kubernetes_models__.ts');
  const entries = Object.entries(MODELS);
  const source = [
    ...entries.map(
      ([key, { typeImport }], i) =>
        `import type { I${key.split('/').at(-1)} as T${i} } from '${typeImport}';`,
    ),
    `export interface Models {`,
    ...entries.map(([key], i) => `  '${key}': T${i};`),
    `}`,
  ].join('\n');
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  host.readFile = (file) => (file === virtualFile ? source : read(file));
  host.fileExists = (file) => file === virtualFile || exists(file);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang, ...rest) =>
    file === virtualFile
      ? ts.createSourceFile(file, source, lang, true, ts.ScriptKind.TS)
      : getSourceFile(file, lang, ...rest);
  const program = ts.createProgram([virtualFile], options, host);
  const tc = program.getTypeChecker();
  const file = program.getSourceFile(virtualFile);
  const models = file?.statements.find(ts.isInterfaceDeclaration);
  if (!file || !models) throw new Error('could not load the kubernetes-models declarations');
  const modelsType = tc.getTypeAtLocation(models);
  const types = new Map<string, ts.Type>();
  for (const prop of tc.getPropertiesOfType(modelsType)) {
    const type = tc.getTypeOfSymbolAtLocation(prop, models);
    if (tc.getPropertiesOfType(type).length === 0) {
      throw new Error(`kubernetes-models declaration of ${prop.name} did not resolve`);
    }
    types.set(prop.name, type);
  }
  checker = { checker: tc, types };
  return checker;
}

/** Paths of fields that the model's type does not declare. */
export function unknownFields(manifest: Manifest): string[] {
  const { checker: tc, types } = modelTypes();
  const type = types.get(keyOf(manifest));
  if (!type) return [];
  const found: string[] = [];
  walk(tc, manifest, type, '', found);
  return found;
}

function walk(tc: ts.TypeChecker, value: unknown, type: ts.Type, path: string, found: string[]) {
  let t = tc.getNonNullableType(type);
  if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return;
  if (t.isUnion()) {
    const objects = t.types.filter((member) => member.flags & ts.TypeFlags.Object);
    if (objects.length !== 1 || !objects[0]) return;
    t = objects[0];
  }
  if (Array.isArray(value)) {
    if (!tc.isArrayType(t)) return;
    const element = tc.getTypeArguments(t as ts.TypeReference)[0];
    if (element) value.forEach((item, i) => walk(tc, item, element, `${path}[${i}]`, found));
    return;
  }
  if (!isObject(value)) return;
  const index = tc.getIndexInfoOfType(t, ts.IndexKind.String);
  const props = tc.getPropertiesOfType(t);
  if (props.length === 0 && !index) return;
  for (const [key, child] of Object.entries(value)) {
    const prop = props.find((p) => p.name === key);
    const childPath = path ? `${path}.${key}` : key;
    if (prop) {
      const declaration = prop.valueDeclaration ?? prop.declarations?.[0];
      const propType = declaration
        ? tc.getTypeOfSymbolAtLocation(prop, declaration)
        : tc.getDeclaredTypeOfSymbol(prop);
      walk(tc, child, propType, childPath, found);
    } else if (index) {
      walk(tc, child, index.type, childPath, found);
    } else {
      found.push(childPath);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Security settings every Deployment must keep (issue 5).

interface Probe {
  httpGet?: { path?: string; port?: string | number };
}

/** Problems of one Deployment's security settings; empty when it keeps them all. */
export function deploymentSecurityProblems(
  deployment: Manifest,
  configMaps: readonly Manifest[],
): string[] {
  const where = `Deployment/${deployment.metadata.name}`;
  const problems: string[] = [];
  const fail = (message: string) => problems.push(`${where}: ${message}`);
  const spec = deployment.spec as Record<string, unknown> | undefined;
  const template = spec?.template as Record<string, unknown> | undefined;
  const pod = (template?.spec ?? {}) as Record<string, unknown>;
  const podSc = (pod.securityContext ?? {}) as Record<string, unknown>;
  const containers = (pod.containers ?? []) as Record<string, unknown>[];
  if (containers.length === 0) fail('no containers');
  if (pod.automountServiceAccountToken !== false)
    fail('automountServiceAccountToken must be false');
  if (podSc.runAsNonRoot !== true) fail('pod runAsNonRoot must be true');
  if (podSc.runAsUser !== 10001) fail('pod runAsUser must be 10001 (the image user)');
  if ((podSc.seccompProfile as { type?: string } | undefined)?.type !== 'RuntimeDefault') {
    fail('pod seccompProfile must be RuntimeDefault');
  }
  if (pod.hostNetwork || pod.hostPID || pod.hostIPC) fail('host namespaces are not allowed');

  const affinity = (pod.affinity ?? {}) as Record<string, Record<string, unknown[]> | undefined>;
  const anti = [
    ...(affinity.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []),
    ...(affinity.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
  ] as Record<string, unknown>[];
  const byHost = anti.some((term) => {
    const t = (term.podAffinityTerm ?? term) as { topologyKey?: string };
    return t.topologyKey === 'kubernetes.io/hostname';
  });
  if (!byHost) fail('pod anti-affinity across nodes (kubernetes.io/hostname) is required');

  const annotations = ((template?.metadata as Record<string, unknown> | undefined)?.annotations ??
    {}) as Record<string, string>;
  for (const key of ['checksum/config', 'checksum/policy']) {
    if (!/^[0-9a-f]{64}$/.test(annotations[key] ?? '')) fail(`annotation ${key} is missing`);
  }

  // The shutdown deadline the service reads, from its ConfigMap (envFrom) or env.
  let deadlineMs = 10_000;
  let preStopSeconds = 0;
  for (const container of containers) {
    const name = String(container.name);
    const at = (message: string) => fail(`container ${name}: ${message}`);
    const sc = (container.securityContext ?? {}) as Record<string, unknown>;
    if (sc.runAsNonRoot !== true && podSc.runAsNonRoot !== true) at('runAsNonRoot');
    if (sc.runAsUser !== undefined && sc.runAsUser !== 10001) at('runAsUser must be 10001');
    if (sc.readOnlyRootFilesystem !== true) at('readOnlyRootFilesystem must be true');
    if (sc.allowPrivilegeEscalation !== false) at('allowPrivilegeEscalation must be false');
    if (sc.privileged === true) at('privileged is not allowed');
    const caps = (sc.capabilities ?? {}) as { drop?: string[]; add?: string[] };
    if (!caps.drop?.includes('ALL')) at('capabilities must drop ALL');
    if ((caps.add ?? []).length > 0) at('capabilities must not add any');
    const seccomp = (sc.seccompProfile ?? podSc.seccompProfile) as { type?: string } | undefined;
    if (seccomp?.type !== 'RuntimeDefault') at('seccompProfile must be RuntimeDefault');
    const resources = (container.resources ?? {}) as Record<string, Record<string, unknown>>;
    for (const kind of ['requests', 'limits']) {
      for (const resource of ['cpu', 'memory']) {
        if (resources[kind]?.[resource] === undefined)
          at(`resources.${kind}.${resource} is required`);
      }
    }
    const probe = (key: string) => container[key] as Probe | undefined;
    if (probe('livenessProbe')?.httpGet?.path !== '/healthz') at('livenessProbe must GET /healthz');
    if (probe('readinessProbe')?.httpGet?.path !== '/readyz') at('readinessProbe must GET /readyz');
    if (!probe('startupProbe')?.httpGet) at('startupProbe is required');
    const mounts = (container.volumeMounts ?? []) as { mountPath?: string; name?: string }[];
    const tmp = mounts.find((m) => m.mountPath === '/tmp');
    const volumes = (pod.volumes ?? []) as { name?: string; emptyDir?: unknown }[];
    if (!tmp || !volumes.some((v) => v.name === tmp.name && v.emptyDir !== undefined)) {
      at('/tmp must be an emptyDir (the root filesystem is read-only)');
    }
    for (const env of (container.env ?? []) as { name: string; value?: string }[]) {
      if (/KEY|PASSWORD|SECRET|TOKEN|MONGO_URL/.test(env.name) && env.value !== undefined) {
        at(`${env.name} must come from a Secret (secretKeyRef), not a literal value`);
      }
      if (env.name === 'SHUTDOWN_DEADLINE_MS' && env.value) deadlineMs = Number(env.value);
    }
    for (const from of (container.envFrom ?? []) as { configMapRef?: { name?: string } }[]) {
      const cm = configMaps.find((c) => c.metadata.name === from.configMapRef?.name);
      const data = (cm?.data ?? {}) as Record<string, string>;
      for (const key of Object.keys(data)) {
        if (/PASSWORD|NATIONAL_ID_KEY|MONGO_URL|SECRET/.test(key)) {
          at(`${key} is in a ConfigMap; secrets only by secretKeyRef`);
        }
      }
      if (data.SHUTDOWN_DEADLINE_MS) deadlineMs = Number(data.SHUTDOWN_DEADLINE_MS);
    }
    const preStop = (container.lifecycle as { preStop?: { exec?: { command?: string[] } } })
      ?.preStop;
    const sleep = preStop?.exec?.command;
    if (sleep?.[0] === 'sleep') preStopSeconds = Math.max(preStopSeconds, Number(sleep[1]));
  }
  const grace = pod.terminationGracePeriodSeconds;
  const needed = deadlineMs / 1000 + preStopSeconds;
  if (typeof grace !== 'number' || grace <= needed) {
    fail(
      `terminationGracePeriodSeconds (${String(grace)}) must exceed preStop ${preStopSeconds} s + SHUTDOWN_DEADLINE_MS ${deadlineMs} ms`,
    );
  }
  return problems;
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
