// A rendered Kubernetes object as the chart checks read it (scripts/checks/manifests.ts).

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

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
