#!/usr/bin/env bash
# Makes the JDK AOT cache (JEP 483/514/515) that `./mptcpkit` starts with: one training run of
# org.mptcpkit.shell.AotTraining with the launcher's JVM flags and class path, which must match
# at run time or the JVM ignores the cache. Run by Maven in the shell module's package phase.
# Never fails the build: without a cache mptcpkit starts about twice as slowly, nothing else.
#
# usage: make-aot-cache.sh JAVA TARGET_DIR JAR_NAME
set -uo pipefail
java=$1 target=$2 jar=$3
cache="$target/mptcpkit.aot"
# A stale cache is worse than none (the JVM rejects it at every start): remove it first.
rm -f "$cache"
if [ "${MPTCPKIT_AOT_SKIP:-}" = 1 ]; then
  echo "mptcpkit: AOT cache skipped (MPTCPKIT_AOT_SKIP=1)"
  exit 0
fi
# Keep the GC and native access in step with the launcher (../../mptcpkit): the cache records
# them and the JVM rejects it when they differ. The training runs C1 only: trained with C2, the
# cache also holds method profiles (JEP 515), and at start-up the JVM then spends its two cores on
# early C2 compiles (measured: 0.46 s to the first answer instead of 0.30 s, twice the CPU).
# The launcher itself runs both tiers, for long scripts.
flags=(--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
log="$target/aot-training.log"
run=("$java" "${flags[@]}" -XX:AOTCacheOutput="$cache" -cp "$target/$jar:$target/lib/*" org.mptcpkit.shell.AotTraining)
start=$(date +%s%N)
# Under a pseudo-terminal (util-linux script) the training also loads JLine's native terminal.
if command -v script >/dev/null 2>&1 && script -q -e -c true /dev/null </dev/null >/dev/null 2>&1; then
  printf -v cmd '%q ' "${run[@]}"
  script -q -e -c "$cmd" /dev/null </dev/null >"$log" 2>&1
else
  "${run[@]}" </dev/null >"$log" 2>&1
fi
rc=$?
if [ $rc -ne 0 ] || [ ! -s "$cache" ]; then
  rm -f "$cache"
  echo "[WARNING] mptcpkit: could not make the AOT cache (exit $rc, see $log); mptcpkit will start without it, more slowly" >&2
  exit 0
fi
echo "mptcpkit: AOT cache $cache ($(( $(stat -c %s "$cache") / 1048576 )) MB) in $(( ($(date +%s%N) - start) / 1000000 )) ms"
