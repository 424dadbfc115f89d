#!/usr/bin/env bash
# Installs Schemathesis (PyPI), the API fuzzer the contract tests (test/contract) run
# against every service's own OpenAPI document, into the git-ignored virtualenv
# .tools/venv. Reuses the virtualenv when it reports the wanted version.
# SCHEMATHESIS_VERSION (default 4.32.5) can be overridden.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

SCHEMATHESIS_VERSION="${SCHEMATHESIS_VERSION:-4.32.5}"
venv="$TOOLS_DIR/venv"
bin="$venv/bin/schemathesis"

# `schemathesis --version` imports the whole package (about a second): the stamp written
# after a successful install answers the second run instead.
stamp="$venv/.schemathesis-$SCHEMATHESIS_VERSION"
if [[ -x "$bin" && -f "$stamp" ]]; then
  exit 0
fi
python="$(command -v python3 || true)"
[[ -n "$python" ]] || die "python3 (3.10+) is required to install Schemathesis"

start="$(now_ms)"
log "installing Schemathesis $SCHEMATHESIS_VERSION from PyPI into .tools/venv"
if [[ ! -x "$venv/bin/python" ]]; then
  "$python" -m venv "$venv" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  "schemathesis==$SCHEMATHESIS_VERSION" || die "pip could not install schemathesis==$SCHEMATHESIS_VERSION"
[[ "$("$bin" --version)" == *"$SCHEMATHESIS_VERSION"* ]] ||
  die "the installed schemathesis does not report $SCHEMATHESIS_VERSION"
rm -f "$venv"/.schemathesis-*
touch "$stamp"
log "Schemathesis $SCHEMATHESIS_VERSION ready in $((($(now_ms) - start) / 1000)) s"
