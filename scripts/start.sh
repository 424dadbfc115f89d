#!/usr/bin/env bash
# `npm start`: the whole platform on this machine, ready to click through.
#   1. installs what is missing (scripts/setup.sh), starts Kafka + FerretDB (dev profile)
#   2. creates the development keys once (scripts/dev-keys.sh, .data/keys/)
#   3. starts every service that has services/<name>/src/main.ts (ports: deploy/local/services.env)
#   4. starts the gateway (scripts/gateway.ts) and seeds demo data through it
# Then stays in the foreground; Ctrl-C stops the services, the gateway and the dev stack.
#
# Usage: npm start [-- --no-seed] [-- --detach] [-- --profile P] [-- --fresh]
#   --no-seed   do not seed demo data (a second seed adds nothing: scripts/seed/demo.ts)
#   --detach    leave everything running and exit; `npm run stop` (scripts/stop.sh) stops it
#   --profile P the ports of deploy/local/profiles/P.env (default dev; npm test's demo check
#               runs the platform on `check`, beside a dev platform); data in .data/P/
#   --fresh     wipe the profile's Kafka and database data first
# Env: the *_PORT variables of deploy/local/services.env, LOG_LEVEL (default info),
#   READY_TIMEOUT (seconds per service, default 60).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

started_at="$(now_ms)"
seed=1
seed_failed=0
detach=0
profile=dev
fresh=()
usage() {
  sed -n '9,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
while (($#)); do
  case "$1" in
    --no-seed) seed=0 ;;
    --detach) detach=1 ;;
    --profile)
      [[ $# -ge 2 ]] || usage
      profile="$2"
      shift
      ;;
    --fresh) fresh=(--fresh) ;;
    -h | --help) usage ;;
    *) warn "unknown argument: $1"; usage ;;
  esac
  shift
done

cd "$ROOT_DIR"
[[ "$profile" =~ ^[a-z0-9_-]+$ && -f "$ROOT_DIR/deploy/local/profiles/$profile.env" ]] ||
  die "unknown profile '$profile' (see deploy/local/profiles/*.env)"
# A profile may set the services' ports too (before services.env gives the dev defaults).
# shellcheck source=../deploy/local/profiles/dev.env
source "$ROOT_DIR/deploy/local/profiles/$profile.env"
# shellcheck source=../deploy/local/services.env
source "$ROOT_DIR/deploy/local/services.env"
READY_TIMEOUT="${READY_TIMEOUT:-60}"
LOG_DIR="$DATA_ROOT/$profile/logs"
PID_DIR="$DATA_ROOT/$profile/pids"
KEY_DIR="$DATA_ROOT/keys"

seconds_since() {
  local ms=$(($(now_ms) - $1))
  printf '%d.%d s' $((ms / 1000)) $(((ms % 1000) / 100))
}
port_of() {
  local var="${1^^}_PORT"
  printf '%s' "${!var}"
}
# The command line of a process we started contains this path (absolute, so another
# checkout's processes are never taken for ours).
signature_of() {
  case "$1" in
    gateway) printf '%s' "$ROOT_DIR/scripts/gateway.ts" ;;
    *) printf '%s' "$ROOT_DIR/services/$1/src/main.ts" ;;
  esac
}
# Prints the pid of <name> when a process of ours runs under it.
running_pid() {
  local file="$PID_DIR/$1.pid" pid
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  grep -qF -- "$(signature_of "$1")" <<<"$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  printf '%s' "$pid"
}

# ---------------------------------------------------------------- stopping what we started

declare -a own_names=()
declare -A own_pids=()

stop_own() {
  local name pid deadline
  for name in "${own_names[@]}"; do
    pid="${own_pids[$name]}"
    kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null || true
  done
  for name in "${own_names[@]}"; do
    pid="${own_pids[$name]}"
    deadline=$((SECONDS + 15))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      warn "$name (pid $pid) did not stop in 15 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$PID_DIR/$name.pid"
  done
  own_names=()
}

on_signal() {
  trap '' INT TERM
  trap - EXIT
  printf '\n' >&2
  log "stopping services and gateway"
  stop_own
  log "stopping the dev stack"
  bash "$ROOT_DIR/scripts/stack.sh" stop --profile "$profile" || true
  log "stopped"
  exit 0
}

# A failed start stops the services it started; the stack stays up for a quick retry.
on_error() {
  local status=$?
  trap - EXIT
  if ((${#own_names[@]})); then
    warn "start failed; stopping what this run started"
    stop_own
  fi
  warn "the $profile stack (Kafka, FerretDB) is still running: bash scripts/stop.sh --profile $profile (npm run stop) stops it"
  exit "$status"
}

# ---------------------------------------------------------------- 1. tools and stack

bash "$ROOT_DIR/scripts/setup.sh"
bash "$ROOT_DIR/scripts/stack.sh" start --profile "$profile" "${fresh[@]}"
trap on_error EXIT
trap on_signal INT TERM

# ---------------------------------------------------------------- 2. keys

bash "$ROOT_DIR/scripts/dev-keys.sh"
stack_env="$DATA_ROOT/$profile/stack.env"
[[ -f "$stack_env" ]] || die "$stack_env is missing; scripts/stack.sh start did not write it"
KAFKA_BROKERS="$(sed -n 's/^KAFKA_BROKERS=//p' "$stack_env")"
MONGO_BASE="$(sed -n 's/^MONGO_URL=//p' "$stack_env")"
MONGO_BASE="${MONGO_BASE%/}"
NATIONAL_ID_KEY="$(tr -d '[:space:]' <"$KEY_DIR/national-id.key")"
PSEUDONYM_KEY="$(tr -d '[:space:]' <"$KEY_DIR/pseudonym.key")"
[[ -n "$KAFKA_BROKERS" && -n "$MONGO_BASE" ]] || die "stack.env lacks KAFKA_BROKERS or MONGO_URL"

# ---------------------------------------------------------------- 3. services

mkdir -p "$LOG_DIR" "$PID_DIR"
services=()
for name in "${SERVICES[@]}"; do
  [[ -f "$ROOT_DIR/services/$name/src/main.ts" ]] && services+=("$name")
done
((${#services[@]})) || die "no service has services/<name>/src/main.ts"

for name in "${services[@]}" gateway; do
  if pid="$(running_pid "$name")"; then
    die "$name already runs (pid $pid), probably from npm start --detach: npm run stop first"
  fi
  port="$(port_of "$name")"
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then
    die "port $port ($name) is taken by another process; set ${name^^}_PORT to use another"
  fi
done

# Starts a node process in its own session (Ctrl-C reaches only this script, which then
# stops everything in order) with its output in .data/<profile>/logs/<name>.log.
launch() {
  local name="$1"
  shift
  local log_file="$LOG_DIR/$name.log"
  printf '\n==== %s start %s\n' "$name" "$(date -Is)" >>"$log_file"
  setsid "$@" >>"$log_file" 2>&1 </dev/null &
  own_pids[$name]=$!
  own_names+=("$name")
  printf '%s\n' "$!" >"$PID_DIR/$name.pid"
}

# Waits until <url> answers 200, or the process dies, or READY_TIMEOUT passes.
wait_ready() {
  local name="$1" url="$2" deadline=$((SECONDS + READY_TIMEOUT))
  while ! curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    if ! kill -0 "${own_pids[$name]}" 2>/dev/null; then
      warn "$name exited during start; last lines of ${LOG_DIR#"$ROOT_DIR"/}/$name.log:"
      tail -n 40 "$LOG_DIR/$name.log" >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      warn "$name not ready at $url after $READY_TIMEOUT s; last lines of ${LOG_DIR#"$ROOT_DIR"/}/$name.log:"
      tail -n 40 "$LOG_DIR/$name.log" >&2
      return 1
    fi
    sleep 0.25
  done
}

for name in "${services[@]}"; do
  port="$(port_of "$name")"
  env_vars=(
    "PORT=$port"
    "MONGO_URL=$MONGO_BASE/$name"
    "KAFKA_BROKERS=$KAFKA_BROKERS"
    "JWT_PUBLIC_KEY_FILE=$KEY_DIR/dev-jwt.pub.pem"
    "LOG_LEVEL=${LOG_LEVEL:-info}"
    "OTEL_SERVICE_NAME=$name"
    "SERVICE_NAME=$name"
  )
  case "$name" in
    registry) env_vars+=("NATIONAL_ID_KEY=$NATIONAL_ID_KEY") ;;
    reporting) env_vars+=("PSEUDONYM_KEY=$PSEUDONYM_KEY") ;;
  esac
  log "starting $name on port $port"
  launch "$name" env "${env_vars[@]}" node --conditions=source --no-warnings=ExperimentalWarning \
    --import @rehab/service-kit/telemetry-register "$(signature_of "$name")"
done
for name in "${services[@]}"; do
  wait_ready "$name" "http://127.0.0.1:$(port_of "$name")/readyz"
  log "$name ready ($(seconds_since "$started_at") since start)"
done

# ---------------------------------------------------------------- 4. gateway and seed

routes=""
for name in "${services[@]}"; do routes+="${routes:+,}$name=127.0.0.1:$(port_of "$name")"; done
log "starting the gateway on port $GATEWAY_PORT"
launch gateway env "GATEWAY_PORT=$GATEWAY_PORT" "ROUTES=$routes" \
  node --conditions=source --no-warnings=ExperimentalWarning "$(signature_of gateway)"
wait_ready gateway "http://127.0.0.1:$GATEWAY_PORT/healthz"
ready_time="$(seconds_since "$started_at")"
log "ready in $ready_time"

gateway_url="http://localhost:$GATEWAY_PORT"
if ((seed)); then
  seed_start="$(now_ms)"
  if GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT" node --conditions=source --no-warnings=ExperimentalWarning \
    "$ROOT_DIR/scripts/seed/demo.ts"; then
    log "seed done in $(seconds_since "$seed_start")"
  else
    seed_failed=1
    warn "seeding failed (see above); the services keep running"
  fi
fi

# ---------------------------------------------------------------- report

{
  printf '\n\033[1mRehab platform (%s) is up\033[0m: ready in %s\n\n' "$profile" "$ready_time"
  printf '  Gateway   %s\n' "$gateway_url"
  for name in "${services[@]}"; do
    printf '  %-9s %s/%s/v1   (direct http://localhost:%s)   OpenAPI %s/%s/openapi.json\n' \
      "$name" "$gateway_url" "$name" "$(port_of "$name")" "$gateway_url" "$name"
  done
  printf '\n  Token     npm run -s token -- --agency police --role officer   [--unit 99001] [--ttl 8h]\n'
  printf '  Try       curl -s "%s/registry/v1/persons?limit=5" \\\n' "$gateway_url"
  printf '              -H "Authorization: Bearer $(npm run -s token -- --agency police --role officer | tail -1)"\n'
  printf '  Logs      %s/<service>.log   (tail -f %s/registry.log)\n' "${LOG_DIR#"$ROOT_DIR"/}" "${LOG_DIR#"$ROOT_DIR"/}"
  if ((detach)); then
    stop_command="npm run stop"
    [[ "$profile" == dev ]] || stop_command+=" -- --profile $profile"
    printf '  Stop      %s   (bash scripts/stop.sh)\n\n' "$stop_command"
  else
    printf '  Stop      Ctrl-C (stops the services, the gateway and Kafka/FerretDB)\n\n'
  fi
} >&2

trap - EXIT
if ((detach)); then
  trap - INT TERM
  # Left running either way; a failed seed is the caller's to know (npm test's demo check).
  exit "$seed_failed"
fi

# Foreground: watch the processes; Ctrl-C or TERM runs on_signal.
declare -A reported=()
while true; do
  sleep 2 &
  wait $! || true
  for name in "${own_names[@]}"; do
    if [[ -z "${reported[$name]:-}" ]] && ! kill -0 "${own_pids[$name]}" 2>/dev/null; then
      reported[$name]=1
      warn "$name (pid ${own_pids[$name]}) exited; last lines of its log:"
      tail -n 20 "$LOG_DIR/$name.log" >&2
    fi
  done
done
