#!/usr/bin/env bash
# Installs the HAPI FHIR validator the tests check FHIR R4 resources with:
#   - hapi-fhir-validation, -structures-r4, -validation-resources-r4 and
#     -caching-caffeine with their runtime dependencies, from Maven Central with Maven,
#     into .tools/fhir-validator/hapi-<version>/libs;
#   - tools/fhir-validator/src (a small Java program) compiled once into
#     .tools/fhir-validator/classes, recompiled only when its sources or the version change;
#   - .tools/fhir-validator/classpath, the java class path libs/testing reads.
# It runs on the JVM Kafka already needs. HAPI_FHIR_VERSION (default 8.6.5) can be overridden.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

HAPI_FHIR_VERSION="${HAPI_FHIR_VERSION:-8.6.5}"
home="$TOOLS_DIR/fhir-validator"
libs="$home/hapi-$HAPI_FHIR_VERSION/libs"
marker="$home/hapi-$HAPI_FHIR_VERSION/.complete"
classes="$home/classes"
sources="$ROOT_DIR/tools/fhir-validator/src"

source_sum() {
  { printf '%s\n' "$HAPI_FHIR_VERSION"; find "$sources" -name '*.java' -print0 | sort -z | xargs -0 cat; } |
    sha256sum | cut -d' ' -f1
}
wanted_sum="$(source_sum)"
wanted_classpath="$classes:$libs/*"
if [[ -f "$marker" && -f "$home/classes.sha256" && "$(cat "$home/classes.sha256")" == "$wanted_sum" &&
  -f "$home/classpath" && "$(cat "$home/classpath")" == "$wanted_classpath" ]]; then
  exit 0
fi
command -v mvn >/dev/null || die "mvn (Apache Maven) is required to download HAPI FHIR $HAPI_FHIR_VERSION"
command -v javac >/dev/null || die "javac (JDK 17+) is required to build the FHIR validator"

start="$(now_ms)"
mkdir -p "$home"
if [[ ! -f "$marker" ]]; then
  log "downloading HAPI FHIR $HAPI_FHIR_VERSION jars from Maven Central into .tools/fhir-validator"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  {
    printf '%s\n' '<project xmlns="http://maven.apache.org/POM/4.0.0">' \
      '  <modelVersion>4.0.0</modelVersion>' \
      '  <groupId>local.rehab</groupId><artifactId>fhir-validator</artifactId>' \
      '  <version>1</version><packaging>pom</packaging>' '  <dependencies>'
    for artifact in hapi-fhir-validation hapi-fhir-structures-r4 hapi-fhir-validation-resources-r4 \
      hapi-fhir-caching-caffeine; do
      printf '    <dependency><groupId>ca.uhn.hapi.fhir</groupId><artifactId>%s</artifactId><version>%s</version></dependency>\n' \
        "$artifact" "$HAPI_FHIR_VERSION"
    done
    printf '%s\n' '  </dependencies>' '</project>'
  } >"$work/pom.xml"
  rm -rf "$libs" && mkdir -p "$libs"
  # Maven is noisy even with -q: its output goes to a log, shown on failure. Its local
  # repository is not Kafka's .tools/m2: scripts/setup.sh runs both steps side by side, and
  # two Maven processes writing one local repository can corrupt it.
  mvn -q -B -f "$work/pom.xml" -Dmaven.repo.local="$home/m2" dependency:copy-dependencies \
    -DoutputDirectory="$libs" -DincludeScope=runtime >"$work/mvn.log" 2>&1 || {
    tail -n 30 "$work/mvn.log" >&2
    die "Maven could not fetch HAPI FHIR $HAPI_FHIR_VERSION"
  }
  [[ -f "$libs/hapi-fhir-validation-$HAPI_FHIR_VERSION.jar" ]] ||
    die "hapi-fhir-validation-$HAPI_FHIR_VERSION.jar missing after download"
  # The jars are copied into libs: Maven's own copy (160 MB) is not needed any more.
  rm -rf "$home/m2"
  printf '%s\n' "$HAPI_FHIR_VERSION" >"$marker"
fi

log "compiling tools/fhir-validator against HAPI FHIR $HAPI_FHIR_VERSION"
rm -rf "$classes" && mkdir -p "$classes"
find "$sources" -name '*.java' -print0 | xargs -0 javac -nowarn -encoding UTF-8 --release 17 \
  -d "$classes" -cp "$libs/*" || die "tools/fhir-validator does not compile"
printf '%s\n' "$wanted_classpath" >"$home/classpath"
printf '%s\n' "$wanted_sum" >"$home/classes.sha256"
log "FHIR validator ready (HAPI FHIR $HAPI_FHIR_VERSION) in $((($(now_ms) - start) / 1000)) s"
