#!/usr/bin/env bash
# Shared by every script: repo paths, the project's Node.js on PATH, small helpers.
# Source it; it does not change the caller's shell options.

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS_DIR="$ROOT_DIR/.tools"
DATA_ROOT="$ROOT_DIR/.data"
NODE_MAJOR=24
export ROOT_DIR TOOLS_DIR DATA_ROOT NODE_MAJOR

# The project's Node.js comes first so npm, the services and the tests run on it,
# whatever Node the machine has.
export PATH="$TOOLS_DIR/node/bin:$TOOLS_DIR/bin:$ROOT_DIR/node_modules/.bin:$PATH"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
warn() { printf '\033[1;33m!!\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31mxx\033[0m %s\n' "$*" >&2; exit 1; }

# Seconds since the epoch with millisecond precision, for timing steps.
now_ms() { date +%s%3N; }
