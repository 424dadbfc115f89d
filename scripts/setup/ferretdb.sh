#!/usr/bin/env bash
# Builds FerretDB (MongoDB wire protocol on PostgreSQL) into .tools/bin/ferretdb.
#
# Why not `go install ...@version`: the module zip on the Go proxy lacks
# build/version/version.txt, which FerretDB embeds and parses at start-up, so a
# plain `go install` binary panics ("Invalid build/version/version.txt"). We copy
# the downloaded module into .tools/src, write version.txt and build from there.
# Reuses the binary when it already reports the wanted version.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

FERRETDB_VERSION="${FERRETDB_VERSION:-v1.24.2}"
bin="$TOOLS_DIR/bin/ferretdb"

if [[ -x "$bin" ]] && grep -qx "version: $FERRETDB_VERSION" <<<"$("$bin" --version 2>/dev/null)"; then
  exit 0
fi
command -v go >/dev/null || die "go is required to build FerretDB (Go 1.22+)"

# Keep the module and build caches in the repo's ignored .tools folder.
export GOMODCACHE="$TOOLS_DIR/go/mod" GOCACHE="$TOOLS_DIR/go/cache" GOFLAGS=-modcacherw

start="$(now_ms)"
log "building FerretDB $FERRETDB_VERSION into .tools/bin/ferretdb"
json="$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION")" ||
  die "go mod download github.com/FerretDB/FerretDB@$FERRETDB_VERSION failed"
moddir="$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' <<<"$json")"
[[ -n "$moddir" && -d "$moddir" ]] || die "could not find the downloaded FerretDB module (go mod download -json gave: $json)"

src="$TOOLS_DIR/src/ferretdb-$FERRETDB_VERSION"
rm -rf "$src" && mkdir -p "$TOOLS_DIR/src" "$TOOLS_DIR/bin"
cp -R "$moddir" "$src"
chmod -R u+w "$src"
mkdir -p "$src/build/version"
printf '%s\n' "$FERRETDB_VERSION" >"$src/build/version/version.txt"

# Build to a temporary name and move into place, so a failed build never leaves
# a broken binary behind.
(cd "$src" && CGO_ENABLED=0 go build -trimpath -o "$bin.tmp" ./cmd/ferretdb) || die "FerretDB build failed"
mv -f "$bin.tmp" "$bin"
# Read the whole output first: `grep -q` closing the pipe early kills the writer with
# SIGPIPE, which pipefail reports as a failure (seen as a flaky setup in CI).
reported="$("$bin" --version)"
grep -qx "version: $FERRETDB_VERSION" <<<"$reported" || die "built FerretDB does not report $FERRETDB_VERSION"
log "FerretDB $FERRETDB_VERSION built in $((($(now_ms) - start) / 1000)) s"
