#!/usr/bin/env bash
# npm run bench: starts a benchmark stack (own ports, fresh data), runs the benchmarks
# in bench/ and prints their tables. Numbers depend on the machine; nothing is asserted.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$ROOT_DIR"
bash scripts/setup.sh
trap 'bash scripts/stack.sh stop --profile bench >/dev/null 2>&1 || true' EXIT
bash scripts/stack.sh start --profile bench --fresh
set -a
# shellcheck disable=SC1091
source "$DATA_ROOT/bench/stack.env"
set +a
# Database commands per request, as FerretDB counts them.
node --conditions=source --no-warnings=ExperimentalWarning bench/round-trips.ts
# The registry at two sizes (per-request cost from 1x to 10x the data).
read -ra registry_sizes <<<"${BENCH_REGISTRY_SIZES:-10000 100000}"
for persons in "${registry_sizes[@]}"; do
  BENCH_REGISTRY_PERSONS="$persons" node --conditions=source --no-warnings=ExperimentalWarning bench/registry.bench.ts
done
node --conditions=source --no-warnings=ExperimentalWarning bench/journey.bench.ts
# The treatment at province scale, at 1x and 10x (2,000 and 20,000 open cases by default).
read -ra treatment_sizes <<<"${BENCH_TREATMENT_SIZES:-2000 20000}"
for cases in "${treatment_sizes[@]}"; do
  BENCH_TREATMENT_CASES="$cases" BENCH_TREATMENT_PAST_DEADLINE="${BENCH_TREATMENT_PAST_DEADLINE:-200}" \
    node --conditions=source --no-warnings=ExperimentalWarning bench/treatment.bench.ts
done
# The vocational work queue at 1x and 10x (2,000 and 20,000 open needs by default).
read -ra vocational_sizes <<<"${BENCH_VOCATIONAL_SIZES:-2000 20000}"
for needs in "${vocational_sizes[@]}"; do
  BENCH_VOCATIONAL_NEEDS="$needs" node --conditions=source --no-warnings=ExperimentalWarning bench/vocational.bench.ts
done
# The methadone morning rush (300 patients, 10 nurses) at 1x and 10x history (30 and 300 days).
read -ra methadone_days <<<"${BENCH_METHADONE_HISTORIES:-30 300}"
for days in "${methadone_days[@]}"; do
  BENCH_METHADONE_HISTORY_DAYS="$days" node --conditions=source --no-warnings=ExperimentalWarning bench/methadone.bench.ts
done
# The reporting read models: rebuild throughput and memory, indicator p99 (1,000,000 persons
# by default, in passes; about 10 minutes on 2 cores).
read -ra reporting_sizes <<<"${BENCH_REPORTING_SIZES:-1000000}"
for persons in "${reporting_sizes[@]}"; do
  BENCH_REPORTING_PERSONS="$persons" node --conditions=source --no-warnings=ExperimentalWarning bench/reporting.bench.ts
done
node --conditions=source --no-warnings=ExperimentalWarning bench/stand-in.bench.ts
