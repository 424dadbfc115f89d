#!/usr/bin/env bash
# Makes sure PostgreSQL 15 (Debian's postgresql-15) is installed: FerretDB keeps its data
# there (deploy/local/README.md says why not SQLite). Installs it with apt-get where it is
# missing and this script may (root, or passwordless sudo). PG_BIN overrides the binaries'
# folder (default /usr/lib/postgresql/15/bin).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
have_postgres() { [[ -x "$PG_BIN/postgres" && -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_isready" ]]; }
have_postgres && exit 0

if ((EUID == 0)); then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  die "PostgreSQL 15 is missing ($PG_BIN) and installing it needs root: apt-get install postgresql-15"
fi
start="$(now_ms)"
log "installing PostgreSQL 15 with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
# Debian's package starts a system cluster on 5432; the stack never uses it (each profile
# runs its own cluster under .data/), so it is stopped again where a service manager runs.
"${as_root[@]}" apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null
if command -v pg_ctlcluster >/dev/null; then "${as_root[@]}" pg_ctlcluster 15 main stop 2>/dev/null || true; fi
have_postgres || die "apt-get installed postgresql-15 but $PG_BIN/postgres is still missing"
log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') installed in $((($(now_ms) - start) / 1000)) s"
