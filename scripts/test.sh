#!/usr/bin/env bash
# npm test: installs what is missing, checks formatting, runs every package's lint, type
# check, build and unit tests through Nx (cached), starts the test stack (its own ports and
# data, side by side with `npm start`), runs the integration and then the fault tests,
# stops the stack, runs the demo check (the platform started and seeded as `npm start`
# does, on the `check` profile, and its reports compared with the source services), and
# ends with one line "N passed, N failed".
# Each static check counts as one test; every vitest test counts as one.
set -uo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$ROOT_DIR"
started="$(now_ms)"

bash scripts/setup.sh || die "setup failed"

results="$DATA_ROOT/test-results"
rm -rf "$results" && mkdir -p "$results"
passed=0
failed=0
failures=()

check() {
  local name="$1"
  shift
  log "check: $name"
  if "$@" >"$results/$name.log" 2>&1; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$name")
    warn "$name failed:"
    tail -n 40 "$results/$name.log" >&2
  fi
}

stop_stack() { bash scripts/stack.sh stop --profile test >/dev/null 2>&1 || true; }
trap stop_stack EXIT

# Lint, type check, build and unit tests of every package and of the workspace's own
# scripts (the `platform` project), through Nx: cached in .nx/cache, so a second run
# replays what did not change. Each unit test is counted from the JSON reports the test
# targets leave in <project>/.test-results (restored from the cache on a hit).
nx_targets() {
  rm -rf libs/*/.test-results services/*/.test-results .test-results
  NX_NO_CLOUD=true NX_DAEMON=false npx nx run-many -t lint typecheck build test \
    --parallel=2 --outputStyle=static
}
check format npx prettier --check .
check nx nx_targets
unit="$(node -e '
  const fs = require("node:fs");
  const files = process.argv.slice(1).filter((file) => fs.existsSync(file));
  let passed = 0, failed = 0;
  for (const file of files) {
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests + r.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0).length;
  }
  console.log(passed, failed, files.length);
' libs/*/.test-results/unit.json services/*/.test-results/unit.json .test-results/unit.json)"
read -r unit_passed unit_failed unit_reports <<<"$unit"
log "unit tests (Nx): $unit_passed passed, $unit_failed failed in $unit_reports reports"
passed=$((passed + unit_passed))
failed=$((failed + unit_failed))
((unit_failed == 0)) || failures+=("unit tests")
if [[ -x scripts/checks.sh ]]; then check deployment bash scripts/checks.sh; fi

# One vitest run of some projects, counted into the totals: vitest_run <name> <project>...
vitest_run() {
  local name="vitest-$1" counts
  shift
  local projects=()
  for project in "$@"; do projects+=(--project "$project"); done
  log "vitest: $*"
  npx vitest run "${projects[@]}" --reporter=default --reporter=json \
    --outputFile="$results/$name.json" 2>&1 | tee "$results/$name.log"
  counts="$(node -e '
    const fs = require("node:fs");
    try {
      const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
      const suitesFailed = r.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0).length;
      console.log(r.numPassedTests, r.numFailedTests + suitesFailed);
    } catch { console.log(0, 1); }
  ' "$results/$name.json")"
  passed=$((passed + ${counts% *}))
  failed=$((failed + ${counts#* }))
  [[ "${counts#* }" == "0" ]] || failures+=("$name")
}
log "starting the test stack (Kafka, FerretDB)"
if bash scripts/stack.sh start --profile test --fresh; then
  set -a
  # shellcheck disable=SC1091
  source "$DATA_ROOT/test/stack.env"
  set +a
  # Fault-injection tests stop the shared broker, so they run after the others, alone.
  vitest_run integration integration
  vitest_run faults faults
  # The test stack's addresses stay out of the demo check below.
  unset STACK_PROFILE KAFKA_BROKERS MONGO_URL FERRETDB_POSTGRESQL_URL
else
  failed=$((failed + 1))
  failures+=("test stack did not start")
fi
stop_stack
# The demo check: the platform as `npm start` runs it (its own stack, ports and data:
# deploy/local/profiles/check.env), seeded with the demo province; then the reports are
# compared with the source services through the gateway (test/demo/).
stop_check() { bash scripts/stop.sh --profile check >/dev/null 2>&1 || true; }
trap 'stop_stack; stop_check' EXIT
check demo-start env LOG_LEVEL=warn bash scripts/start.sh --profile check --fresh --detach
if [[ ! " ${failures[*]} " =~ " demo-start " ]]; then
  check_gateway_port="$(
    # shellcheck source=../deploy/local/profiles/check.env
    source deploy/local/profiles/check.env
    printf '%s' "$GATEWAY_PORT"
  )"
  DEMO_GATEWAY_URL="http://127.0.0.1:$check_gateway_port" vitest_run demo demo
fi
stop_check
trap - EXIT
log "npm test took $((($(now_ms) - started) / 1000)) s; logs in .data/test-results/"
((${#failures[@]})) && warn "failed: ${failures[*]}"
echo "$passed passed, $failed failed"
[[ "$failed" == "0" ]]
