// Each rendered manifest against the Kubernetes JSON schemas (kubernetes-models), the CRDs
// (ServiceMonitor; Strimzi KafkaTopic by a schema of our own), and a strict unknown-field
// check derived from the same models' type declarations (the API server rejects unknown
// fields; the models' validators accept them).
import { join } from 'node:path';
import ts from 'typescript';
import * as apps from 'kubernetes-models/apps/v1';
import * as autoscaling from 'kubernetes-models/autoscaling/v2';
import * as core from 'kubernetes-models/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';
import * as policy from 'kubernetes-models/policy/v1';
import * as monitoring from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { ROOT_DIR } from './chart-paths.ts';
import { isObject, type Manifest } from './manifest-types.ts';

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

export const keyOf = (m: Pick<Manifest, 'apiVersion' | 'kind'>) => `${m.apiVersion}/${m.kind}`;

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
