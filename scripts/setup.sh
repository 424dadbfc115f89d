#!/usr/bin/env bash
# Installs whatever is missing for development, tests and the local stack:
#   Node.js 24 (.tools/node), npm dependencies (node_modules), FerretDB
#   (.tools/bin/ferretdb), PostgreSQL 15 (Debian's postgresql-15, with apt-get where
#   missing), Apache Kafka jars (.tools/kafka/<version>), Helm (.tools/bin/helm), the
#   HAPI FHIR validator (.tools/fhir-validator, the tests' FHIR R4 checker),
#   Schemathesis (.tools/venv, the API fuzzer of test/contract) and Chromium (Debian's
#   chromium, the browser of the reporting dashboard's test).
#   Idempotent: a second run takes about a second.
# Needs java and javac (17+), mvn, go and python3 on PATH. SETUP_PARALLEL=0 runs the FerretDB,
# PostgreSQL, Kafka and Helm steps one after the other instead of side by side.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

start="$(now_ms)"
cd "$ROOT_DIR"

missing=()
command -v java >/dev/null || missing+=("java (JDK/JRE 17+, runs Kafka)")
command -v mvn >/dev/null || missing+=("mvn (Apache Maven, downloads Kafka from Maven Central)")
command -v go >/dev/null || missing+=("go (Go 1.24+, builds FerretDB and Helm)")
command -v javac >/dev/null || missing+=("javac (JDK 17+, builds the FHIR validator)")
command -v python3 >/dev/null || missing+=("python3 (3.10+ with venv, runs Schemathesis)")
if ((${#missing[@]})); then
  printf '  missing: %s\n' "${missing[@]}" >&2
  die "install the tools above and rerun scripts/setup.sh"
fi

bash "$ROOT_DIR/scripts/setup/node.sh"

# npm ci only when node_modules is missing or package-lock.json changed since
# the last successful install (its sha256 is kept in node_modules/.install-stamp).
stamp="$ROOT_DIR/node_modules/.install-stamp"
lock_sum="$(sha256sum "$ROOT_DIR/package-lock.json" | cut -d' ' -f1)"
if [[ -d "$ROOT_DIR/node_modules" && -f "$stamp" && "$(cat "$stamp")" == "$lock_sum" ]]; then
  :
else
  log "npm ci (package-lock.json changed or node_modules missing)"
  npm ci --no-audit --no-fund
  printf '%s\n' "$lock_sum" >"$stamp"
fi

# FerretDB, PostgreSQL, Kafka and Helm are independent; on a cold machine they take
# minutes, so they run side by side, each logging to .tools/logs/setup-<step>.log.
steps=(ferretdb postgres kafka helm hapi-fhir schemathesis chromium)
mkdir -p "$TOOLS_DIR/logs"
declare -A pids=() started=()
run_step() {
  local step="$1"
  started[$step]="$(now_ms)"
  bash "$ROOT_DIR/scripts/setup/$step.sh" >"$TOOLS_DIR/logs/setup-$step.log" 2>&1 &
  pids[$step]=$!
}
finish_step() {
  local step="$1"
  if wait "${pids[$step]}"; then
    if [[ -s "$TOOLS_DIR/logs/setup-$step.log" ]]; then
      log "$step: done in $((($(now_ms) - started[$step]) / 1000)) s"
    fi
    return 0
  fi
  warn "$step failed; last lines of .tools/logs/setup-$step.log:"
  tail -n 25 "$TOOLS_DIR/logs/setup-$step.log" >&2
  return 1
}

failed=()
if [[ "${SETUP_PARALLEL:-1}" == 0 ]]; then
  for step in "${steps[@]}"; do
    run_step "$step"
    finish_step "$step" || failed+=("$step")
  done
else
  for step in "${steps[@]}"; do run_step "$step"; done
  for step in "${steps[@]}"; do finish_step "$step" || failed+=("$step"); done
fi
((${#failed[@]} == 0)) || die "setup failed: ${failed[*]}"
# Into the virtualenv the Schemathesis step made, so after it, not beside it.
bash "$ROOT_DIR/scripts/setup/hadolint.sh" || die "setup failed: hadolint"

log "setup complete in $((($(now_ms) - start) / 1000)).$(((($(now_ms) - start) % 1000) / 100)) s" \
  "(node $(node --version), ferretdb $("$TOOLS_DIR/bin/ferretdb" --version | sed -n 's/^version: //p'),"\
  "postgresql $("${PG_BIN:-/usr/lib/postgresql/15/bin}/postgres" --version | awk '{print $3}')," \
  "kafka ${KAFKA_VERSION:-4.4.0}, helm $("$TOOLS_DIR/bin/helm" version --short))"
