#!/usr/bin/env bash
# `npm run stop`: stops what `npm start --detach` left running: the services and the
# gateway (by their pid files in .data/<profile>/pids, checked against their command line),
# then Kafka and FerretDB of the profile.
# Usage: npm run stop [-- --profile P]   (default dev)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
profile=dev
if [[ "${1:-}" == --profile ]]; then
  profile="${2:?--profile needs a name}"
fi
[[ "$profile" =~ ^[a-z0-9_-]+$ ]] || die "unknown profile '$profile'"
# shellcheck source=../deploy/local/services.env
source "$ROOT_DIR/deploy/local/services.env"
PID_DIR="$DATA_ROOT/$profile/pids"

signature_of() {
  case "$1" in
    gateway) printf '%s' "$ROOT_DIR/scripts/gateway.ts" ;;
    *) printf '%s' "$ROOT_DIR/services/$1/src/main.ts" ;;
  esac
}

declare -A stopping=()
for name in gateway "${SERVICES[@]}"; do
  file="$PID_DIR/$name.pid"
  [[ -f "$file" ]] || continue
  pid="$(cat "$file")"
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
    grep -qF -- "$(signature_of "$name")" <<<"$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"; then
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    stopping[$name]="$pid"
  else
    rm -f "$file"
  fi
done
for name in "${!stopping[@]}"; do
  pid="${stopping[$name]}"
  deadline=$((SECONDS + 15))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name (pid $pid) did not stop in 15 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_DIR/$name.pid"
done

bash "$ROOT_DIR/scripts/stack.sh" stop --profile "$profile"
