#!/usr/bin/env bash
# Makes sure a Chromium browser is installed (Debian's chromium): the reporting dashboard's
# test drives it with playwright-core (services/reporting/test/dashboard.test.ts). Installs
# it with apt-get where it is missing and this script may (root, or passwordless sudo).
# CHROMIUM_PATH overrides the binary (default /usr/bin/chromium).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
[[ -x "$CHROMIUM_PATH" ]] && exit 0

if ((EUID == 0)); then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  die "Chromium is missing ($CHROMIUM_PATH) and installing it needs root: apt-get install chromium"
fi
start="$(now_ms)"
log "installing Chromium with apt-get"
export DEBIAN_FRONTEND=noninteractive
# setup.sh runs the PostgreSQL step beside this one: wait for its apt/dpkg locks.
lock=(-o DPkg::Lock::Timeout=600)
"${as_root[@]}" apt-get "${lock[@]}" update -qq
"${as_root[@]}" apt-get "${lock[@]}" install -y -qq --no-install-recommends chromium >/dev/null
[[ -x "$CHROMIUM_PATH" ]] || die "apt-get installed chromium but $CHROMIUM_PATH is still missing"
log "Chromium installed in $((($(now_ms) - start) / 1000)) s"
