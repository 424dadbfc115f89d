#!/usr/bin/env bash
# Installs Node.js 24 LTS and npm into .tools/node from the npm registry
# (packages node-<platform>-<arch> and npm), so the project never runs on the
# machine's older Node. Reuses what is there.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

node_ok() {
  [[ -x "$TOOLS_DIR/node/bin/node" ]] &&
    [[ "$("$TOOLS_DIR/node/bin/node" -p 'process.versions.node.split(".")[0]' 2>/dev/null)" == "$NODE_MAJOR" ]] &&
    [[ -x "$TOOLS_DIR/node/bin/npm" ]]
}
if node_ok; then exit 0; fi

command -v npm >/dev/null || die "npm is needed once to download Node.js $NODE_MAJOR"
case "$(uname -m)" in x86_64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) die "unsupported CPU $(uname -m)" ;; esac
platform="$(uname -s | tr '[:upper:]' '[:lower:]')"

log "installing Node.js $NODE_MAJOR ($platform-$arch) into .tools/node"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "node-$platform-$arch@$NODE_MAJOR" >/dev/null && npm pack --silent "npm@11" >/dev/null)
rm -rf "$TOOLS_DIR/node" && mkdir -p "$TOOLS_DIR/node/lib/node_modules/npm"
tar -xzf "$tmp"/node-"$platform"-*.tgz -C "$TOOLS_DIR/node" --strip-components=1
tar -xzf "$tmp"/npm-*.tgz -C "$TOOLS_DIR/node/lib/node_modules/npm" --strip-components=1
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$TOOLS_DIR/node/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$TOOLS_DIR/node/bin/npx"
node_ok || die "Node.js install in .tools/node failed"
log "node $("$TOOLS_DIR/node/bin/node" --version), npm $("$TOOLS_DIR/node/bin/npm" --version)"
