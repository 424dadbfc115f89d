#!/usr/bin/env bash
# Builds the Helm CLI into .tools/bin/helm with `go install` (no other registry
# is reachable from CI). Reuses the binary when it reports the wanted version.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

HELM_VERSION="${HELM_VERSION:-v3.19.0}"
bin="$TOOLS_DIR/bin/helm"

if [[ -x "$bin" ]] && [[ "$("$bin" version --short 2>/dev/null)" == "$HELM_VERSION"* ]]; then
  exit 0
fi
command -v go >/dev/null || die "go is required to build Helm (Go 1.24+)"

export GOMODCACHE="$TOOLS_DIR/go/mod" GOCACHE="$TOOLS_DIR/go/cache" GOFLAGS=-modcacherw

start="$(now_ms)"
log "building Helm $HELM_VERSION into .tools/bin/helm"
mkdir -p "$TOOLS_DIR/bin"
# go install leaves Helm's version at the branch default ("v3.19"); stamp the
# full version the way Helm's Makefile does.
GOBIN="$TOOLS_DIR/bin" CGO_ENABLED=0 go install -trimpath \
  -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION -X helm.sh/helm/v3/internal/version.gitTreeState=clean" \
  "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" || die "Helm build failed"
[[ "$("$bin" version --short)" == "$HELM_VERSION"* ]] || die "built Helm does not report $HELM_VERSION"
log "Helm $HELM_VERSION built in $((($(now_ms) - start) / 1000)) s"
