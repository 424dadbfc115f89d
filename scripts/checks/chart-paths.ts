// Where the chart and the tools are, for the chart checks.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CHART_DIR = join(ROOT_DIR, 'helm');
/** The oldest Kubernetes the chart declares (Chart.yaml kubeVersion ">=1.29.0-0"). */
export const KUBE_VERSION = '1.29.0';
