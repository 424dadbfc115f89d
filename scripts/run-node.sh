#!/usr/bin/env bash
# Runs a TypeScript script on the project's Node.js 24 (.tools/node), whatever Node the
# machine has: installs Node and node_modules first when they are missing.
# Usage: bash scripts/run-node.sh scripts/token.ts [args...]
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

bash "$ROOT_DIR/scripts/setup/node.sh" >&2
if [[ ! -d "$ROOT_DIR/node_modules" ]]; then
  log "npm ci (node_modules missing)"
  (cd "$ROOT_DIR" && npm ci --no-audit --no-fund >&2)
fi
exec node --conditions=source --no-warnings=ExperimentalWarning "$@"
