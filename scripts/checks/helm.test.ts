// The Helm chart: lint, renders of the default values (registry, assessment, treatment), the
// production example, one-service subsets and the optional CRDs, each validated against the Kubernetes schemas;
// the security settings of every Deployment; values.schema.json rejecting bad values.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assessmentCatalogue } from '../../services/assessment/src/catalogue.ts';
import { registryCatalogue } from '../../services/registry/src/catalogue.ts';
import { treatmentCatalogue } from '../../services/treatment/src/catalogue.ts';
import { vocationalCatalogue } from '../../services/vocational/src/catalogue.ts';
import { methadoneCatalogue } from '../../services/methadone/src/catalogue.ts';
import { CHART_POLICIES, policyDrift } from './chart-policies.ts';
import {
  CHART_DIR,
  ROOT_DIR,
  checkRender,
  deploymentSecurityProblems,
  helmBinary,
  renderChart,
  type Manifest,
} from './manifests.ts';

const SERVICES = ['registry', 'assessment', 'treatment', 'methadone', 'vocational', 'reporting'];
/** The services that exist: enabled by default, each with its policy file in the chart. */
const EXISTING = ['assessment', 'registry', 'treatment', 'vocational', 'methadone', 'reporting'];
const PRODUCTION = join(CHART_DIR, 'values-production.example.yaml');

const byKind = (manifests: Manifest[], kind: string) => manifests.filter((m) => m.kind === kind);
const one = (manifests: Manifest[], kind: string, name?: string): Manifest => {
  const found = manifests.filter((m) => m.kind === kind && (!name || m.metadata.name === name));
  expect(found, `${kind} ${name ?? ''}`).toHaveLength(1);
  return found[0]!;
};
type Container = {
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: object } }[];
};
const podSpec = (d: Manifest) =>
  (d.spec as { template: { spec: Record<string, unknown> } }).template.spec;
const container = (d: Manifest) => (podSpec(d).containers as Container[])[0]!;
const configOf = (manifests: Manifest[], name: string) =>
  one(manifests, 'ConfigMap', `${name}-config`).data as Record<string, string>;
const annotations = (d: Manifest) =>
  (d.spec as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata
    .annotations;

/** Values enabling every service, with a policy file for those the chart has none of. */
function allServicesValues(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rehab-helm-'));
  const policy = '    service: placeholder\n    operations: {}\n';
  const lines = ['services:'];
  for (const name of SERVICES) {
    lines.push(`  ${name}:`, '    enabled: true');
    if (!EXISTING.includes(name)) {
      lines.push('    policy: |', policy.replace(/^/gm, '  ').trimEnd());
    }
  }
  const file = join(dir, 'all-services.yaml');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

// Each test runs helm (a process); on a busy 2-core machine one render can take seconds.
describe('helm chart rehab-platform', { timeout: 60_000 }, () => {
  it('passes helm lint --strict', () => {
    const out = execFileSync(helmBinary(), ['lint', '--strict', CHART_DIR], { encoding: 'utf8' });
    expect(out).toContain('0 chart(s) failed');
  });

  it('renders the default values: the registry, the assessment, the treatment and the vocational, valid and secure', () => {
    const { manifests } = renderChart();
    expect(checkRender(manifests)).toEqual([]);
    const perService = [
      'ConfigMap',
      'ConfigMap',
      'Deployment',
      'HorizontalPodAutoscaler',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'Service',
      'ServiceAccount',
    ];
    expect(manifests.map((m) => m.kind).sort()).toEqual(
      [...EXISTING.flatMap(() => perService), 'Ingress'].sort(),
    );
    expect(manifests).toHaveLength(EXISTING.length * perService.length + 1);
    expect(
      byKind(manifests, 'Deployment')
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual(EXISTING.map((s) => `rehab-${s}`).sort());
    // No secret values: no Secret objects, and secrets only by reference.
    expect(byKind(manifests, 'Secret')).toEqual([]);
    for (const name of EXISTING) {
      const deployment = one(manifests, 'Deployment', `rehab-${name}`);
      const pod = podSpec(deployment);
      expect((pod.containers as { image: string }[])[0]!.image).toBe(`rehab-${name}:0.1.0`);
      expect(pod.terminationGracePeriodSeconds).toBe(30);
      const env = container(deployment).env ?? [];
      expect(env.find((e) => e.name === 'MONGO_URL')?.valueFrom?.secretKeyRef).toEqual({
        name: `rehab-${name}`,
        key: 'MONGO_URL',
      });
      const config = configOf(manifests, `rehab-${name}`);
      expect(config).toMatchObject({
        PORT: '8080',
        POLICY_FILE: '/etc/rehab/policy/policy.yaml',
        SHUTDOWN_DEADLINE_MS: '10000',
        KAFKA_CLIENT_ID: name,
        OTEL_SERVICE_NAME: name,
      });
      expect(Object.keys(config).some((k) => /PASSWORD|MONGO_URL|NATIONAL_ID_KEY/.test(k))).toBe(
        false,
      );
      // The service's own policy file, byte for byte.
      const policy = one(manifests, 'ConfigMap', `rehab-${name}-policy`).data as {
        'policy.yaml': string;
      };
      expect(policy['policy.yaml'].trimEnd()).toBe(
        readFileSync(join(CHART_DIR, 'files/policies', `${name}.yaml`), 'utf8').trimEnd(),
      );
    }
    // Only the registry holds national ID numbers; the assessment has no key for them.
    const secretEnv = (name: string) =>
      (container(one(manifests, 'Deployment', `rehab-${name}`)).env ?? []).map((e) => e.name);
    expect(secretEnv('registry')).toContain('NATIONAL_ID_KEY');
    expect(secretEnv('assessment')).toEqual(['MONGO_URL']);
    expect(secretEnv('treatment')).toEqual(['MONGO_URL']);
    expect(secretEnv('vocational')).toEqual(['MONGO_URL']);
    expect(secretEnv('methadone')).toEqual(['MONGO_URL']);
    // The reporting service keys its pseudonyms with a secret of its own.
    expect(secretEnv('reporting')).toEqual(['MONGO_URL', 'PSEUDONYM_KEY']);
    // The methadone's missed-dose sweep runs hourly.
    expect(configOf(manifests, 'rehab-methadone').SWEEP_INTERVAL_MS).toBe('3600000');
    // The treatment's rulebooks are the image's own; its deadline sweep runs hourly.
    const treatmentConfig = configOf(manifests, 'rehab-treatment');
    expect(treatmentConfig.SWEEP_INTERVAL_MS).toBe('3600000');
    expect(treatmentConfig.RULEBOOK_FILE).toBeUndefined();
    const paths = (
      one(manifests, 'Ingress').spec as { rules: { http: { paths: { path: string }[] } }[] }
    ).rules[0]!.http.paths.map((p) => p.path);
    expect(paths).toEqual(EXISTING.map((s) => `/${s}`).sort());
  });

  it('renders the production example: 3 replicas, Kafka TLS + SCRAM, replica-set URIs by secret, OTLP, TLS ingress', () => {
    const { manifests } = renderChart(['-f', PRODUCTION]);
    expect(checkRender(manifests)).toEqual([]);
    const hpas = byKind(manifests, 'HorizontalPodAutoscaler');
    expect(hpas).toHaveLength(EXISTING.length);
    for (const hpa of hpas) expect((hpa.spec as { minReplicas: number }).minReplicas).toBe(3);
    const config = configOf(manifests, 'rehab-registry');
    expect(config).toMatchObject({
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector.observability.svc:4318',
      SHUTDOWN_DEADLINE_MS: '15000',
    });
    expect(config.KAFKA_BROKERS!.split(',')).toHaveLength(3);
    expect(configOf(manifests, 'rehab-assessment')).toMatchObject({
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_CLIENT_ID: 'assessment',
    });
    for (const service of EXISTING) {
      const deployment = one(manifests, 'Deployment', `rehab-${service}`);
      const env = container(deployment).env ?? [];
      expect(env.find((e) => e.name === 'MONGO_URL')?.valueFrom?.secretKeyRef).toEqual({
        name: 'rehab-mongodb',
        key: `${service}-mongo-url`,
      });
      for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']) {
        expect(env.find((e) => e.name === name)?.valueFrom?.secretKeyRef).toEqual({
          name: `rehab-${service}`,
          key: name,
        });
      }
      // 15 s deadline + 5 s preStop + 15 s margin.
      expect(podSpec(deployment).terminationGracePeriodSeconds).toBe(35);
    }
    const ingress = one(manifests, 'Ingress').spec as {
      tls: { secretName: string; hosts: string[] }[];
      rules: { http: { paths: { path: string }[] } }[];
    };
    expect(ingress.tls[0]).toEqual({ secretName: 'rehab-tls', hosts: ['rehab.so-tttt.gov.vn'] });
    expect(ingress.rules[0]!.http.paths.map((p) => p.path)).toEqual(
      EXISTING.map((s) => `/${s}`).sort(),
    );
    expect(byKind(manifests, 'ServiceMonitor')).toHaveLength(EXISTING.length);
    expect(byKind(manifests, 'KafkaTopic').map((t) => t.metadata.name)).toEqual([
      'registry.person.v1',
      'registry.person.v1.dlq',
      'assessment.determination.v1',
      'assessment.determination.v1.dlq',
      'treatment.case.v1',
      'treatment.case.v1.dlq',
      'vocational.support.v1',
      'vocational.support.v1.dlq',
      'methadone.treatment.v1',
      'methadone.treatment.v1.dlq',
    ]);
  });

  it.each(EXISTING)('renders a one-service subset with only that service (%s)', (service) => {
    const off = SERVICES.filter((s) => s !== service).flatMap((s) => [
      '--set',
      `services.${s}.enabled=false`,
    ]);
    const { manifests } = renderChart(['--set', `services.${service}.enabled=true`, ...off]);
    expect(checkRender(manifests)).toEqual([]);
    expect(manifests).toHaveLength(9);
    const names = new Set(manifests.map((m) => m.metadata.labels?.['app.kubernetes.io/name']));
    expect([...names].filter(Boolean)).toEqual([service]);
    const topics = renderChart([
      '--set',
      'kafka.strimzi.enabled=true',
      '--set',
      `services.${service}.enabled=true`,
      ...off,
    ]).manifests.filter((m) => m.kind === 'KafkaTopic');
    // Each service's own topic and its dead letters; reporting publishes none.
    expect(topics.map((t) => t.metadata.labels?.['app.kubernetes.io/component'])).toEqual(
      service === 'reporting' ? [] : [service, service],
    );
  });

  it('renders Strimzi topics (with dead-letter topics) and ServiceMonitors when enabled', () => {
    const { manifests } = renderChart([
      '--set',
      'kafka.strimzi.enabled=true',
      '--set',
      'monitoring.serviceMonitor.enabled=true',
    ]);
    expect(checkRender(manifests)).toEqual([]);
    const topics = byKind(manifests, 'KafkaTopic');
    const topic = (topicName: string) => ({
      topicName,
      partitions: 6,
      replicas: 3,
      config: { 'retention.ms': -1, 'min.insync.replicas': 2, 'cleanup.policy': 'delete' },
    });
    const deadLetter = (topicName: string) => ({
      topicName,
      partitions: 6,
      replicas: 3,
      config: {
        'retention.ms': 2592000000,
        'min.insync.replicas': 2,
        'cleanup.policy': 'delete',
      },
    });
    expect(topics.map((t) => t.spec)).toEqual([
      topic('registry.person.v1'),
      deadLetter('registry.person.v1.dlq'),
      topic('assessment.determination.v1'),
      deadLetter('assessment.determination.v1.dlq'),
      topic('treatment.case.v1'),
      deadLetter('treatment.case.v1.dlq'),
      topic('vocational.support.v1'),
      deadLetter('vocational.support.v1.dlq'),
      topic('methadone.treatment.v1'),
      deadLetter('methadone.treatment.v1.dlq'),
    ]);
    expect(topics.map((t) => t.metadata.labels?.['app.kubernetes.io/component'])).toEqual([
      'registry',
      'registry',
      'assessment',
      'assessment',
      'treatment',
      'treatment',
      'vocational',
      'vocational',
      'methadone',
      'methadone',
    ]);
    expect(topics.every((t) => t.metadata.labels?.['strimzi.io/cluster'] === 'kafka')).toBe(true);
    const monitors = byKind(manifests, 'ServiceMonitor');
    expect(monitors.map((m) => m.metadata.name).sort()).toEqual(
      EXISTING.map((s) => `rehab-${s}`).sort(),
    );
    for (const monitor of monitors) {
      expect((monitor.spec as { endpoints: object[] }).endpoints[0]).toMatchObject({
        port: 'http',
        path: '/metrics',
      });
    }
  });

  it('keeps the security settings in every Deployment when all six services are enabled', () => {
    const { manifests } = renderChart(['-f', allServicesValues()]);
    const deployments = byKind(manifests, 'Deployment');
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(
      SERVICES.map((s) => `rehab-${s}`).sort(),
    );
    expect(checkRender(manifests)).toEqual([]);
    for (const kind of [
      'Service',
      'ServiceAccount',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'NetworkPolicy',
    ]) {
      expect(byKind(manifests, kind), kind).toHaveLength(6);
    }
    const paths = (
      one(manifests, 'Ingress').spec as { rules: { http: { paths: { path: string }[] } }[] }
    ).rules[0]!.http.paths.map((p) => p.path);
    expect(paths.sort()).toEqual(SERVICES.map((s) => `/${s}`).sort());
  });

  it.each(EXISTING)('flags a Deployment (%s) that drops any security setting', (service) => {
    const { manifests } = renderChart();
    const configMaps = byKind(manifests, 'ConfigMap');
    const deployment = one(manifests, 'Deployment', `rehab-${service}`);
    const weakened = (
      mutate: (pod: Record<string, unknown>, c: Record<string, unknown>) => void,
    ) => {
      const copy = structuredClone(deployment);
      const pod = podSpec(copy);
      mutate(pod, (pod.containers as Record<string, unknown>[])[0]!);
      return deploymentSecurityProblems(copy, configMaps);
    };
    const sc = (c: Record<string, unknown>) => c.securityContext as Record<string, unknown>;
    const cases: [string, (pod: Record<string, unknown>, c: Record<string, unknown>) => void][] = [
      [
        'runAsNonRoot',
        (pod) => void ((pod.securityContext as Record<string, unknown>).runAsNonRoot = false),
      ],
      ['runAsUser', (pod) => void ((pod.securityContext as Record<string, unknown>).runAsUser = 0)],
      ['readOnlyRootFilesystem', (_, c) => void (sc(c).readOnlyRootFilesystem = false)],
      ['drop ALL', (_, c) => void (sc(c).capabilities = { drop: [] })],
      ['allowPrivilegeEscalation', (_, c) => void delete sc(c).allowPrivilegeEscalation],
      [
        'seccompProfile',
        (pod, c) => {
          delete (pod.securityContext as Record<string, unknown>).seccompProfile;
          delete sc(c).seccompProfile;
        },
      ],
      [
        'resources.limits.memory',
        (_, c) => void delete (c.resources as { limits: Record<string, unknown> }).limits.memory,
      ],
      ['livenessProbe', (_, c) => void delete c.livenessProbe],
      ['readinessProbe', (_, c) => void delete c.readinessProbe],
      ['startupProbe', (_, c) => void delete c.startupProbe],
      ['terminationGracePeriodSeconds', (pod) => void (pod.terminationGracePeriodSeconds = 10)],
      ['automountServiceAccountToken', (pod) => void delete pod.automountServiceAccountToken],
      ['anti-affinity', (pod) => void delete pod.affinity],
      ['/tmp', (_, c) => void (c.volumeMounts = [])],
      [
        'must come from a Secret',
        (_, c) => void (c.env = [{ name: 'NATIONAL_ID_KEY', value: 'x' }]),
      ],
    ];
    for (const [needle, mutate] of cases) {
      expect(weakened(mutate).join('\n'), needle).toContain(needle);
    }
  });

  it('rejects wrong values through values.schema.json', () => {
    const bad = [
      'services.registry.replicas=abc',
      'services.registry.colour=blue',
      'services.billing.enabled=true',
      'services.registry.config.MONGO_URL=mongodb://u:p@h/db',
      'services.registry.config.NATIONAL_ID_KEY=abc',
      'services.registry.config.LOG_LEVEL=loud',
      'services.registry.config.SHUTDOWN_DEADLINE_MS=soon',
      'kafka.sasl.mechanism=gssapi',
      'services.registry.image.pullPolicy=Sometimes',
    ];
    for (const set of bad) {
      expect(() => renderChart(['--set', set]), set).toThrow(/schema/);
    }
  });

  it('refuses a service without a policy, and clusters older than the declared Kubernetes', () => {
    // Every service ships a policy file now: a copy of the chart without one must not render.
    const chart = mkdtempSync(join(tmpdir(), 'chart-'));
    try {
      cpSync(CHART_DIR, chart, { recursive: true });
      rmSync(join(chart, 'files/policies/reporting.yaml'));
      expect(() =>
        execFileSync(helmBinary(), ['template', 'x', chart, '--kube-version', '1.29.0'], {
          stdio: 'pipe',
        }),
      ).toThrow(/services.reporting.policy is empty/);
    } finally {
      rmSync(chart, { recursive: true, force: true });
    }
    expect(() =>
      execFileSync(helmBinary(), ['template', 'x', CHART_DIR, '--kube-version', '1.28.9'], {
        stdio: 'pipe',
      }),
    ).toThrow(/kubeVersion/);
  });

  it('rolls the pods when the policy or the config changes, and stretches the grace period', () => {
    const base = annotations(one(renderChart().manifests, 'Deployment', 'rehab-registry'));
    const assessmentBase = annotations(
      one(renderChart().manifests, 'Deployment', 'rehab-assessment'),
    );
    const dir = mkdtempSync(join(tmpdir(), 'rehab-policy-'));
    const policyFile = join(dir, 'policy.yaml');
    // A province reassigning registration to the commune (helm upgrade --set-file ...).
    writeFileSync(
      policyFile,
      readFileSync(join(CHART_DIR, 'files/policies/registry.yaml'), 'utf8').replace(
        '      - { agency: police, roles: [officer, admin] }',
        '      - { agency: commune, roles: [officer] }',
      ),
    );
    const reassigned = renderChart(['--set-file', `services.registry.policy=${policyFile}`]);
    const policy = one(reassigned.manifests, 'ConfigMap', 'rehab-registry-policy').data as {
      'policy.yaml': string;
    };
    expect(policy['policy.yaml']).toContain('{ agency: commune, roles: [officer] }');
    const after = annotations(one(reassigned.manifests, 'Deployment', 'rehab-registry'));
    expect(after['checksum/policy']).not.toBe(base['checksum/policy']);
    expect(after['checksum/config']).toBe(base['checksum/config']);
    // The other service does not roll.
    expect(annotations(one(reassigned.manifests, 'Deployment', 'rehab-assessment'))).toEqual(
      assessmentBase,
    );

    const slow = renderChart(['--set', 'services.registry.config.SHUTDOWN_DEADLINE_MS=45000']);
    const deployment = one(slow.manifests, 'Deployment', 'rehab-registry');
    expect(annotations(deployment)['checksum/config']).not.toBe(base['checksum/config']);
    expect(podSpec(deployment).terminationGracePeriodSeconds).toBe(65);
    expect(checkRender(slow.manifests)).toEqual([]);
  });

  it('admits traffic only from the ingress controller and monitoring, egress only to DNS, Kafka, MongoDB (+ OTLP, IdP when set)', () => {
    type Policy = { ingress: { from: object[] }[]; egress: { ports: { port: number }[] }[] };
    const ports = (p: Policy) => p.egress.map((rule) => rule.ports.map((x) => x.port));
    const plain = renderChart().manifests;
    const production = renderChart(['-f', PRODUCTION]).manifests;
    for (const service of EXISTING) {
      const policyOf = (manifests: Manifest[]) =>
        one(manifests, 'NetworkPolicy', `rehab-${service}`).spec as Policy;
      expect(policyOf(plain).ingress).toHaveLength(1);
      expect(policyOf(plain).ingress[0]!.from).toHaveLength(2);
      expect(ports(policyOf(plain))).toEqual([[53, 53], [9092, 9093, 9094], [27017]]);
      expect(ports(policyOf(production))).toEqual([[53, 53], [9093], [27017], [4318], [443]]);
    }
  });

  it('ships the registry policy file unchanged as the chart default', () => {
    expect(readFileSync(join(CHART_DIR, 'files/policies/registry.yaml'), 'utf8')).toBe(
      readFileSync(join(ROOT_DIR, 'services/registry/policy.yaml'), 'utf8'),
    );
  });

  it("ships each existing service's policy file byte for byte (npm run -s sync:policies copies them)", () => {
    expect([...CHART_POLICIES].sort()).toEqual([...EXISTING].sort());
    expect(policyDrift(), 'run npm run -s sync:policies').toEqual([]);
  });

  it.each([
    ['registry', registryCatalogue],
    ['assessment', assessmentCatalogue],
    ['treatment', treatmentCatalogue],
    ['vocational', vocationalCatalogue],
    ['methadone', methadoneCatalogue],
  ] as const)(
    'lists every topic the %s publishes for Strimzi, with its partitions',
    (service, catalogue) => {
      const values = parse(readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8')) as {
        kafka: { strimzi: { topics: { name: string; service: string; partitions: number }[] } };
      };
      const chart = values.kafka.strimzi.topics.filter((t) => t.service === service);
      // The catalogue lists each topic and its .dlq; the chart renders the .dlq itself.
      const published = catalogue
        .topics()
        .filter((t) => t.name.startsWith(`${service}.`) && !t.name.endsWith('.dlq'));
      expect(published.length).toBeGreaterThan(0);
      expect(chart.map((t) => [t.name, t.partitions])).toEqual(
        published.map((t) => [t.name, t.partitions]),
      );
    },
  );
});
