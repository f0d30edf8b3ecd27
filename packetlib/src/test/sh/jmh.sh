#!/usr/bin/env bash
# Runs packetlib's JMH benchmarks: packetlib/src/test/sh/jmh.sh [JMH args], e.g.
#   packetlib/src/test/sh/jmh.sh CodecBenchmark -f 1 -wi 3 -i 5 -r 1
# Benchmarks: CodecBenchmark (whole packets), MptcpCodecBenchmark (one option), CryptoBenchmark,
# AddressBenchmark. JMH pins nothing: run on an otherwise idle machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}
cd "$root"
mvn -B -q -o -pl packetlib test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh-cp.txt </dev/null >&2
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -cp "packetlib/target/test-classes:packetlib/target/classes:$(cat packetlib/target/jmh-cp.txt)" \
  org.openjdk.jmh.Main "$@"
