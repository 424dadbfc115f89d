#!/usr/bin/env bash
# Downloads the Apache Kafka broker (kafka_2.13 and its runtime dependencies)
# from Maven Central into .tools/kafka/<version>/libs with Maven. No Kafka
# tarball download is needed: `java -cp 'libs/*' kafka.Kafka` runs the broker.
# KAFKA_VERSION (default 4.4.0) can be overridden, e.g. KAFKA_VERSION=3.9.1.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"
home="$TOOLS_DIR/kafka/$KAFKA_VERSION"
libs="$home/libs"
marker="$home/.complete"

if [[ -f "$marker" && -f "$libs/kafka_2.13-$KAFKA_VERSION.jar" ]]; then
  exit 0
fi
command -v mvn >/dev/null || die "mvn (Apache Maven) is required to download Kafka $KAFKA_VERSION"
command -v java >/dev/null || die "java (17+) is required to run Kafka $KAFKA_VERSION"

start="$(now_ms)"
log "downloading Kafka $KAFKA_VERSION jars from Maven Central into .tools/kafka/$KAFKA_VERSION/libs"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat >"$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.rehab</groupId>
  <artifactId>kafka-broker</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_2.13</artifactId>
      <version>$KAFKA_VERSION</version>
    </dependency>
  </dependencies>
</project>
POM

# Maven output goes to a log file (it is noisy even with -q); shown on failure.
mvn_log="$work/mvn.log"
mvn_() {
  mvn -q -B -f "$work/pom.xml" -Dmaven.repo.local="$TOOLS_DIR/m2" "$@" >>"$mvn_log" 2>&1 || {
    tail -n 30 "$mvn_log" >&2
    return 1
  }
}

rm -rf "$libs" && mkdir -p "$libs"
mvn_ dependency:copy-dependencies -DoutputDirectory="$libs" -DincludeScope=runtime ||
  die "Maven could not fetch org.apache.kafka:kafka_2.13:$KAFKA_VERSION"

# Kafka logs through SLF4J, but its Maven dependencies bring no SLF4J binding
# (the release tarball adds one), so the broker would log nothing at all, not
# even why it failed. 4.x brings log4j-core: add the matching log4j binding.
shopt -s nullglob
bindings=("$libs"/{slf4j-simple,slf4j-reload4j,slf4j-log4j12,log4j-slf4j-impl,log4j-slf4j2-impl}-*.jar)
log4j_core=("$libs"/log4j-core-*.jar)
slf4j_api=("$libs"/slf4j-api-*.jar)
if ((${#bindings[@]} == 0)); then
  if ((${#log4j_core[@]} && ${#slf4j_api[@]})); then
    log4j_ver="${log4j_core[0]##*/log4j-core-}"
    log4j_ver="${log4j_ver%.jar}"
    slf4j_ver="${slf4j_api[0]##*/slf4j-api-}"
    binding=log4j-slf4j-impl
    [[ "${slf4j_ver%%.*}" -ge 2 ]] && binding=log4j-slf4j2-impl
    mvn_ dependency:copy -Dartifact="org.apache.logging.log4j:$binding:$log4j_ver" -DoutputDirectory="$libs" ||
      die "Maven could not fetch org.apache.logging.log4j:$binding:$log4j_ver"
  elif ((${#slf4j_api[@]})); then
    # 3.x: no log4j 2 on the classpath; slf4j-simple logs to stderr, level set
    # by -Dorg.slf4j.simpleLogger.defaultLogLevel (scripts/stack.sh).
    slf4j_ver="${slf4j_api[0]##*/slf4j-api-}"
    slf4j_ver="${slf4j_ver%.jar}"
    mvn_ dependency:copy -Dartifact="org.slf4j:slf4j-simple:$slf4j_ver" -DoutputDirectory="$libs" ||
      die "Maven could not fetch org.slf4j:slf4j-simple:$slf4j_ver"
  else
    warn "Kafka $KAFKA_VERSION: no SLF4J API found; the broker log will be empty"
  fi
fi
jars=("$libs"/*.jar)

[[ -f "$libs/kafka_2.13-$KAFKA_VERSION.jar" ]] || die "kafka_2.13-$KAFKA_VERSION.jar missing after download"
printf '%s\n' "$KAFKA_VERSION" >"$marker"
log "Kafka $KAFKA_VERSION ready (${#jars[@]} jars) in $((($(now_ms) - start) / 1000)) s"
