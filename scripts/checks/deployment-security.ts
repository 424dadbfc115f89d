// The security settings every Deployment of the chart must keep (issue 5).
import type { Manifest } from './manifest-types.ts';

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
