#!/usr/bin/env bash
# The local infrastructure stack: one Kafka broker (KRaft, broker+controller in
# one JVM), a PostgreSQL 15 cluster of the profile's own, and FerretDB (MongoDB wire
# protocol) on it, run as plain processes (see scripts/setup.sh). No Docker.
#
# Usage: scripts/stack.sh <command> [--profile dev|test] [--fresh]
#   start          start whatever is not running, wait until ready, print the report
#   stop           stop Kafka, FerretDB and PostgreSQL of the profile
#   status         show each component (exit 3 when something is down)
#   start-kafka    start only Kafka (same data, so topics survive)
#   stop-kafka     stop only Kafka
#   restart-kafka  stop and start Kafka (fault-injection tests)
#   --profile P    deploy/local/profiles/P.env sets the ports (default: dev)
#   --fresh        with start: stop the profile's processes and wipe its data first
#
# Data, logs and pids live in .data/<profile>/ ({kafka,postgres,ferretdb-state,logs,pids}/);
# .data/<profile>/stack.env holds KAFKA_BROKERS, MONGO_URL, FERRETDB_POSTGRESQL_URL and
# FERRETDB_METRICS_URL (FerretDB's Prometheus metrics, which count the commands it serves).
# Run as root, PostgreSQL runs as an unprivileged system user (PG_USER, default postgres,
# created when missing). Env: KAFKA_VERSION (default 4.4.0), STACK_TIMEOUT (readiness,
# default 90 s), KAFKA_HEAP_OPTS (default -Xms256m -Xmx768m), PG_BIN, and the port variables.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  sed -n '6,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

cmd=""
profile="dev"
fresh=0
while (($#)); do
  case "$1" in
    --profile) [[ $# -ge 2 ]] || usage; profile="$2"; shift 2 ;;
    --profile=*) profile="${1#*=}"; shift ;;
    --fresh) fresh=1; shift ;;
    -h | --help) usage ;;
    start | stop | status | start-kafka | stop-kafka | restart-kafka)
      [[ -z "$cmd" ]] || usage
      cmd="$1"
      shift
      ;;
    *) warn "unknown argument: $1"; usage ;;
  esac
done
[[ -n "$cmd" ]] || usage
[[ "$fresh" == 0 || "$cmd" == start ]] || die "--fresh only goes with start"

profile_file="$ROOT_DIR/deploy/local/profiles/$profile.env"
[[ "$profile" =~ ^[a-z0-9_-]+$ && -f "$profile_file" ]] ||
  die "unknown profile '$profile' (see deploy/local/profiles/*.env)"
# shellcheck source=../deploy/local/profiles/dev.env source-path=SCRIPTDIR
source "$profile_file"

KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}"
STACK_TIMEOUT="${STACK_TIMEOUT:-90}"
DATA_DIR="$DATA_ROOT/$profile"
LOG_DIR="$DATA_DIR/logs"
PID_DIR="$DATA_DIR/pids"
KAFKA_LIBS="$TOOLS_DIR/kafka/$KAFKA_VERSION/libs"
KAFKA_CONFIG="$DATA_DIR/kafka-server.properties"
KAFKA_LOG4J="$ROOT_DIR/deploy/local/kafka/log4j2.properties"
FERRETDB_BIN="$TOOLS_DIR/bin/ferretdb"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DATA="$DATA_DIR/postgres"
PG_PASSWORD_FILE="$DATA_DIR/postgres.password"
PG_ROLE=ferretdb
PG_DATABASE=ferretdb

# ---------------------------------------------------------------- helpers

pid_file() { printf '%s/%s.pid' "$PID_DIR" "$1"; }

# A string found only on the command line of this profile's process, so a
# recycled pid or another profile's process is never taken for ours.
signature() {
  case "$1" in
    kafka) printf '%s' "$KAFKA_CONFIG" ;;
    ferretdb) printf '%s' "--listen-addr=127.0.0.1:$FERRETDB_PORT" ;;
    postgres) printf '%s' "$PG_DATA" ;;
  esac
}

# Prints the pid of the component when it runs (ours, alive); fails otherwise.
running_pid() {
  local file pid args
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file" 2>/dev/null)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  args="$(ps -o args= -p "$pid" 2>/dev/null)" || return 1
  [[ "$args" == *"$(signature "$1")"* ]] || return 1
  printf '%s' "$pid"
}

port_of() {
  case "$1" in
    kafka) printf '%s' "$KAFKA_PORT" ;;
    ferretdb) printf '%s' "$FERRETDB_PORT" ;;
    postgres) printf '%s' "$POSTGRES_PORT" ;;
  esac
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

log_tail() {
  local file="$LOG_DIR/$1.log"
  if [[ -s "$file" ]]; then
    printf -- '----- last lines of %s -----\n' "$file" >&2
    tail -n 30 "$file" >&2
    printf -- '-----\n' >&2
  fi
}

# Starts "$@" detached from this shell (own session, survives the terminal),
# output appended to the component's log, pid written to its pid file.
spawn() {
  local name="$1"
  shift
  local file
  file="$(pid_file "$name")"
  rm -f "$file"
  printf '\n=== %s starting %s\n' "$(date '+%F %T')" "$name" >>"$LOG_DIR/$name.log"
  # The inner bash writes its own pid, then becomes the program (same pid).
  # shellcheck disable=SC2016 # expanded by the inner bash
  local launcher=(bash -c 'echo $$ >"$0"; exec "$@"' "$file")
  if command -v setsid >/dev/null; then launcher=(setsid "${launcher[@]}"); fi
  nohup "${launcher[@]}" "$@" </dev/null >>"$LOG_DIR/$name.log" 2>&1 9>&- &
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$file" ]] && return 0
    sleep 0.1
  done
  die "$name did not start (no pid written)"
}

# stop_component NAME [SIGNAL]: SIGNAL (default TERM) first, KILL after 15 s.
stop_component() {
  local name="$1" signal="${2:-TERM}" pid i
  if ! pid="$(running_pid "$name")"; then
    rm -f "$(pid_file "$name")"
    log "$name ($profile): not running"
    return 0
  fi
  log "$name ($profile): stopping pid $pid"
  kill "-$signal" "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name ($profile): still running after 15 s, sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f "$(pid_file "$name")"
}

# Reports a component of this profile that runs already (then `start` leaves it alone).
already_running() {
  local pid
  pid="$(running_pid "$1")" || return 1
  log "$1 ($profile): already running, pid $pid"
}

# Fails early, with a clear message, when another program holds the port.
check_port_free() {
  local name="$1" port="$2"
  if port_open "$port"; then
    die "$name ($profile): port $port is already in use by another process" \
      "(another stack, or an old broker?). Free it, or override the port (see $profile_file)"
  fi
}

# ---------------------------------------------------------------- Kafka

kafka_java() {
  java -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_LOG4J" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dkafka.logs.dir="$LOG_DIR" \
    "$@"
}

render_kafka_config() {
  local template="$ROOT_DIR/deploy/local/kafka/server.properties.template"
  esc() { printf '%s' "$1" | sed 's/[&|\\]/\\&/g'; }
  sed -e "s|\${KAFKA_PORT}|$(esc "$KAFKA_PORT")|g" \
    -e "s|\${KAFKA_CONTROLLER_PORT}|$(esc "$KAFKA_CONTROLLER_PORT")|g" \
    -e "s|\${DATA_DIR}|$(esc "$DATA_DIR")|g" \
    "$template" >"$KAFKA_CONFIG.tmp"
  mv -f "$KAFKA_CONFIG.tmp" "$KAFKA_CONFIG"
}

format_kafka_storage() {
  [[ -f "$DATA_DIR/kafka/meta.properties" ]] && return 0
  local cluster_id
  log "kafka ($profile): formatting storage in $DATA_DIR/kafka"
  cluster_id="$(kafka_java -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool random-uuid 2>>"$LOG_DIR/kafka.log" | tail -n 1)"
  [[ "$cluster_id" =~ ^[A-Za-z0-9_-]{22}$ ]] || {
    log_tail kafka
    die "kafka ($profile): StorageTool random-uuid failed (got '$cluster_id')"
  }
  kafka_java -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_CONFIG" \
    >>"$LOG_DIR/kafka.log" 2>&1 || {
    log_tail kafka
    die "kafka ($profile): StorageTool format failed"
  }
  printf '%s\n' "$KAFKA_VERSION" >"$DATA_DIR/kafka/.formatted-by-kafka-version"
}

start_kafka() {
  already_running kafka && return 0
  [[ -f "$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar" ]] ||
    die "Kafka $KAFKA_VERSION is not installed in .tools/kafka; run: npm run setup (KAFKA_VERSION=$KAFKA_VERSION)"
  command -v java >/dev/null || die "java (17+) is required to run Kafka"
  check_port_free kafka "$KAFKA_PORT"
  check_port_free kafka-controller "$KAFKA_CONTROLLER_PORT"
  mkdir -p "$DATA_DIR/kafka" "$LOG_DIR" "$PID_DIR"
  local formatted_by="$DATA_DIR/kafka/.formatted-by-kafka-version"
  if [[ -f "$formatted_by" && "$(cat "$formatted_by")" != "$KAFKA_VERSION" ]]; then
    warn "kafka ($profile): data was created by Kafka $(cat "$formatted_by"), running $KAFKA_VERSION;" \
      "if it fails to start, use --fresh"
  fi
  render_kafka_config
  format_kafka_storage
  log "kafka $KAFKA_VERSION ($profile): starting on 127.0.0.1:$KAFKA_PORT"
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS holds several JVM options
  spawn kafka java $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_LOG4J" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dkafka.logs.dir="$LOG_DIR" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONFIG"
}

wait_kafka() {
  local deadline="$1" pid remaining
  until port_open "$KAFKA_PORT"; do
    pid="$(running_pid kafka)" || {
      log_tail kafka
      die "kafka ($profile): the broker exited during start-up"
    }
    if (($(date +%s) >= deadline)); then
      log_tail kafka
      die "kafka ($profile): port $KAFKA_PORT not open after ${STACK_TIMEOUT} s"
    fi
    sleep 0.3
  done
  remaining=$((deadline - $(date +%s)))
  ((remaining > 1)) || remaining=1
  node --no-warnings "$ROOT_DIR/scripts/stack/wait-kafka.mjs" "127.0.0.1:$KAFKA_PORT" "$((remaining * 1000))" || {
    log_tail kafka
    die "kafka ($profile): broker does not answer clients after ${STACK_TIMEOUT} s"
  }
}

# ---------------------------------------------------------------- PostgreSQL

# PostgreSQL refuses to run as root; as root the cluster belongs to PG_USER.
pg_user() {
  if ((EUID == 0)); then printf '%s' "${PG_USER:-postgres}"; else id -un; fi
}

# The command prefix that runs a program as that user (setpriv execs, so pids stay).
pg_runner() {
  if ((EUID == 0)); then
    printf '%s\n' setpriv --reuid="$(pg_user)" --regid="$(id -g "$(pg_user)")" --init-groups
  fi
}

as_pg_user() {
  local runner
  mapfile -t runner < <(pg_runner)
  "${runner[@]}" "$@"
}

ensure_pg_user() {
  ((EUID == 0)) || return 0
  id -u "$(pg_user)" >/dev/null 2>&1 && return 0
  log "postgres ($profile): creating the system user $(pg_user)"
  useradd --system --no-create-home --shell /usr/sbin/nologin "$(pg_user)"
}

# As root the cluster's user must reach its folder: every folder above it must let others
# through. A checkout made private (a clone into `mktemp -d`) is opened for passing only
# (o+x: enter, not list); a private folder outside the checkout is the caller's to open.
require_pg_reachable() {
  ((EUID == 0)) || return 0
  local path="" part
  local -a parts
  IFS=/ read -ra parts <<<"$(dirname "$PG_DATA")"
  for part in "${parts[@]}"; do
    [[ -n "$part" ]] || continue
    path+="/$part"
    as_pg_user test -x "$path" && continue
    if [[ "$path/" == "$ROOT_DIR/"* ]]; then
      log "postgres ($profile): letting $(pg_user) pass through $path (chmod o+x)"
      chmod o+x "$path"
      continue
    fi
    die "postgres ($profile): the system user $(pg_user) cannot enter $path, above $PG_DATA;" \
      "run from a folder others may enter (e.g. chmod o+x $path)"
  done
}

# A cluster of the profile's own: loopback only, no Unix socket, password (SCRAM) auth
# with a password made at initdb and kept in .data/<profile>/postgres.password.
init_postgres() {
  [[ -f "$PG_DATA/PG_VERSION" ]] && return 0
  ensure_pg_user
  require_pg_reachable
  log "postgres ($profile): initdb in $PG_DATA"
  rm -rf "$PG_DATA"
  mkdir -p "$PG_DATA"
  (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$PG_PASSWORD_FILE")
  local pwfile="$PG_DATA.pwfile"
  (umask 077 && cp "$PG_PASSWORD_FILE" "$pwfile")
  if ((EUID == 0)); then chown "$(pg_user)" "$PG_DATA" "$pwfile"; fi
  as_pg_user "$PG_BIN/initdb" -D "$PG_DATA" -U "$PG_ROLE" --pwfile="$pwfile" \
    --auth-host=scram-sha-256 --auth-local=reject --encoding=UTF8 --locale=C.UTF-8 \
    >>"$LOG_DIR/postgres.log" 2>&1 || {
    rm -f "$pwfile"
    log_tail postgres
    die "postgres ($profile): initdb failed"
  }
  rm -f "$pwfile"
}

start_postgres() {
  already_running postgres && return 0
  [[ -x "$PG_BIN/postgres" ]] || die "PostgreSQL 15 is not installed in $PG_BIN; run: npm run setup"
  check_port_free postgres "$POSTGRES_PORT"
  mkdir -p "$LOG_DIR" "$PID_DIR"
  init_postgres
  # FerretDB binds the filtered field as a parameter (`_jsonb->$1 @> $2`); only a custom
  # plan sees the constant and so matches the GIN indexes of libs/persistence (stand-in).
  # The test and bench profiles trade durability for speed (POSTGRES_DURABLE=0): their
  # data is thrown away with --fresh anyway.
  local speed=()
  if [[ "${POSTGRES_DURABLE:-1}" == 0 ]]; then
    speed=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
  fi
  local runner
  mapfile -t runner < <(pg_runner)
  log "postgres ($profile): starting on 127.0.0.1:$POSTGRES_PORT"
  spawn postgres "${runner[@]}" "$PG_BIN/postgres" -D "$PG_DATA" -p "$POSTGRES_PORT" \
    -c listen_addresses=127.0.0.1 -c unix_socket_directories= \
    -c max_connections=300 -c shared_buffers=256MB -c work_mem=16MB \
    -c plan_cache_mode=force_custom_plan \
    -c log_min_messages=warning -c log_line_prefix='%m [%p] ' "${speed[@]}"
}

# psql on the profile's cluster, database `postgres`, as the stack's role.
pg_sql() {
  PGPASSWORD="$(cat "$PG_PASSWORD_FILE")" "$PG_BIN/psql" -h 127.0.0.1 -p "$POSTGRES_PORT" \
    -U "$PG_ROLE" -d postgres "$@"
}

postgres_url() {
  printf 'postgres://%s:%s@127.0.0.1:%s/%s' "$PG_ROLE" "$(cat "$PG_PASSWORD_FILE")" "$POSTGRES_PORT" "$1"
}

wait_postgres() {
  local deadline="$1"
  until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$POSTGRES_PORT"; do
    running_pid postgres >/dev/null || {
      log_tail postgres
      die "postgres ($profile): exited during start-up"
    }
    if (($(date +%s) >= deadline)); then
      log_tail postgres
      die "postgres ($profile): not ready after ${STACK_TIMEOUT} s"
    fi
    sleep 0.2
  done
  # FerretDB keeps every MongoDB database as a schema of this one database.
  if [[ "$(pg_sql -Atc "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")" != 1 ]]; then
    pg_sql -qc "CREATE DATABASE $PG_DATABASE" >>"$LOG_DIR/postgres.log" 2>&1 ||
      die "postgres ($profile): could not create the database $PG_DATABASE"
  fi
}

# ---------------------------------------------------------------- FerretDB

start_ferretdb() {
  already_running ferretdb && return 0
  [[ -x "$FERRETDB_BIN" ]] || die "FerretDB is not installed in .tools/bin; run: npm run setup"
  check_port_free ferretdb "$FERRETDB_PORT"
  check_port_free ferretdb-debug "$FERRETDB_DEBUG_PORT"
  mkdir -p "$DATA_DIR/ferretdb-state" "$LOG_DIR" "$PID_DIR"
  log "ferretdb ($profile): starting on 127.0.0.1:$FERRETDB_PORT"
  spawn ferretdb "$FERRETDB_BIN" \
    --handler=postgresql \
    --postgresql-url="$(postgres_url "$PG_DATABASE")" \
    --state-dir="$DATA_DIR/ferretdb-state" \
    --listen-addr="127.0.0.1:$FERRETDB_PORT" \
    --debug-addr="127.0.0.1:$FERRETDB_DEBUG_PORT" \
    --telemetry=disable \
    --log-level=warn \
    --log-format=json
}

ferretdb_ready() {
  if command -v curl >/dev/null; then
    curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$FERRETDB_DEBUG_PORT/debug/readyz"
  else
    port_open "$FERRETDB_PORT"
  fi
}

wait_ferretdb() {
  local deadline="$1"
  until ferretdb_ready; do
    running_pid ferretdb >/dev/null || {
      log_tail ferretdb
      die "ferretdb ($profile): exited during start-up"
    }
    if (($(date +%s) >= deadline)); then
      log_tail ferretdb
      die "ferretdb ($profile): not ready after ${STACK_TIMEOUT} s"
    fi
    sleep 0.3
  done
}

# ---------------------------------------------------------------- commands

write_stack_env() {
  mkdir -p "$DATA_DIR"
  cat >"$DATA_DIR/stack.env.tmp" <<EOF
# Written by scripts/stack.sh start --profile $profile
STACK_PROFILE=$profile
KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
MONGO_URL=mongodb://127.0.0.1:$FERRETDB_PORT
FERRETDB_POSTGRESQL_URL=$(postgres_url "$PG_DATABASE")
FERRETDB_METRICS_URL=http://127.0.0.1:$FERRETDB_DEBUG_PORT/debug/metrics
EOF
  mv -f "$DATA_DIR/stack.env.tmp" "$DATA_DIR/stack.env"
}

report() {
  local took="$1"
  cat >&2 <<EOF

  Local stack ready (profile: $profile, ${took} s)
    KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT   (Kafka $KAFKA_VERSION, KRaft)
    MONGO_URL=mongodb://127.0.0.1:$FERRETDB_PORT   (FerretDB $("$FERRETDB_BIN" --version | sed -n 's/^version: //p'), on PostgreSQL)
    PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$POSTGRES_PORT (user $PG_ROLE, password in $PG_PASSWORD_FILE)
    env file: $DATA_DIR/stack.env
    logs:     $LOG_DIR/{kafka,ferretdb,postgres}.log
    stop:     npm run stack -- stop --profile $profile

EOF
}

status() {
  local name pid down=0 port
  printf '%-9s %-5s %-8s %s\n' COMPONENT STATE PID ADDRESS
  for name in kafka ferretdb postgres; do
    port="$(port_of "$name")"
    if pid="$(running_pid "$name")"; then
      if port_open "$port"; then
        printf '%-9s %-5s %-8s %s\n' "$name" up "$pid" "127.0.0.1:$port"
      else
        printf '%-9s %-5s %-8s %s\n' "$name" start "$pid" "127.0.0.1:$port (not listening yet)"
        down=1
      fi
    else
      printf '%-9s %-5s %-8s %s\n' "$name" down - "127.0.0.1:$port"
      down=1
    fi
  done
  printf 'profile %s, data %s\n' "$profile" "$DATA_DIR"
  return $((down * 3))
}

# One stack command per profile at a time (e.g. two test runs starting at once).
mkdir -p "$DATA_ROOT"
if command -v flock >/dev/null && [[ "$cmd" != status ]]; then
  exec 9>"$DATA_ROOT/.$profile.lock"
  flock -w 120 9 || die "another scripts/stack.sh is busy with profile $profile"
fi

t0="$(now_ms)"
case "$cmd" in
  start)
    if ((fresh)); then
      stop_component kafka
      stop_component ferretdb
      stop_component postgres INT
      log "wiping $DATA_DIR"
      rm -rf "$DATA_DIR"
    fi
    mkdir -p "$LOG_DIR" "$PID_DIR"
    start_postgres
    start_kafka
    deadline=$(($(date +%s) + STACK_TIMEOUT))
    wait_postgres "$deadline"
    start_ferretdb
    wait_ferretdb "$deadline"
    wait_kafka "$deadline"
    write_stack_env
    report "$((($(now_ms) - t0) / 1000)).$(((($(now_ms) - t0) % 1000) / 100))"
    ;;
  stop)
    stop_component kafka
    stop_component ferretdb
    # SIGINT is PostgreSQL's fast shutdown (TERM would wait for clients to leave).
    stop_component postgres INT
    ;;
  status) status ;;
  start-kafka)
    start_kafka
    wait_kafka "$(($(date +%s) + STACK_TIMEOUT))"
    write_stack_env
    log "kafka ($profile): ready on 127.0.0.1:$KAFKA_PORT in $((($(now_ms) - t0) / 1000)) s"
    ;;
  stop-kafka) stop_component kafka ;;
  restart-kafka)
    stop_component kafka
    start_kafka
    wait_kafka "$(($(date +%s) + STACK_TIMEOUT))"
    log "kafka ($profile): restarted, ready on 127.0.0.1:$KAFKA_PORT in $((($(now_ms) - t0) / 1000)) s"
    ;;
esac
