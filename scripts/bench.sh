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
node --conditions=source --no-warnings=ExperimentalWarning bench/registry.bench.ts
node --conditions=source --no-warnings=ExperimentalWarning bench/journey.bench.ts
# The treatment at province scale (20,000 cases; its cold sweep alone takes minutes on
# FerretDB+SQLite, see the bench's header): BENCH_TREATMENT_CASES=2000 for a quick run.
node --conditions=source --no-warnings=ExperimentalWarning bench/treatment.bench.ts
