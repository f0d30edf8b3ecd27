#!/usr/bin/env bash
# Whole-process timings of reading a 10,000-record capture (BENCHMARKS.md, "pcap reading and
# process start-up"). Usage: packetlib/src/test/sh/pcap-startup.sh [runs per variant, default 15]
# Builds packetlib's jars, generates the capture in a temp dir, then prints the median, minimum and
# maximum wall time of each variant. AOT caches need jars on the class path, hence no directories.
set -euo pipefail
runs=${1:-15}
root=$(cd "$(dirname "$0")/../../../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}
java=$JAVA_HOME/bin/java
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$root" && mvn -B -q -o -pl packetlib package -DskipTests \
   dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$work/lib" >&2)
cp "$root"/packetlib/target/packetlib-0.1.0-SNAPSHOT.jar "$root"/packetlib/target/packetlib-0.1.0-SNAPSHOT-tests.jar "$work/lib/"
cp_all=$(ls "$work"/lib/*.jar | tr '\n' ':')
main=org.mptcpkit.io.pcap.PcapStartupBench
"$java" --enable-native-access=ALL-UNNAMED -cp "$cp_all" $main make 10000 "$work/10k.pcap" \
  "$root/tests/src/test/resources/pcaps/01-mpc-v4.pcap" >&2
# JNA unpacks libjnidispatch.so into ~/.cache/JNA/temp on every start unless told where it is.
mkdir -p "$work/jna"
unzip -q -o -j "$work"/lib/jna-*.jar 'com/sun/jna/linux-x86-64/libjnidispatch.so' -d "$work/jna"

# time_it NAME command...: runs the command $runs times (after one warm-up run) and prints the
# median, min and max wall time, and the median CPU time (user + sys, all threads; 10 ms steps):
# on a shared machine CPU time moves less with other load than wall time does.
time_it() {
  local name=$1; shift
  "$@" >/dev/null
  local wall=() cpu=()
  for ((i = 0; i < runs; i++)); do
    local t0=$(date +%s%N)
    /usr/bin/time -f '%U %S' -o "$work/t" "$@" >/dev/null
    wall+=($(( ($(date +%s%N) - t0) / 1000000 )))
    read -r u s < "$work/t"
    cpu+=($(awk -v u="$u" -v s="$s" 'BEGIN { printf "%d", (u + s) * 1000 }'))
  done
  local w=($(printf '%s\n' "${wall[@]}" | sort -n)) c=($(printf '%s\n' "${cpu[@]}" | sort -n))
  printf '%-36s wall median %4d ms  min %4d  max %4d   cpu median %4d ms\n' \
    "$name" "${w[$((runs / 2))]}" "${w[0]}" "${w[$((runs - 1))]}" "${c[$((runs / 2))]}"
}

base=(--enable-native-access=ALL-UNNAMED)
fast=(--enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
boot=(-Djna.boot.library.path="$work/jna")
f=$work/10k.pcap
echo "JDK: $("$java" -version 2>&1 | head -1); cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in empty open reader raw java; do
  time_it "default         $mode" "$java" "${base[@]}" -cp "$cp_all" $main $mode $f
done
time_it "default -Xshare:off reader" "$java" "${base[@]}" -Xshare:off -cp "$cp_all" $main reader $f
for mode in empty open reader raw java; do
  time_it "C1+SerialGC     $mode" "$java" "${fast[@]}" -cp "$cp_all" $main $mode $f
done
time_it "C1+SerialGC+jnaboot reader" "$java" "${fast[@]}" "${boot[@]}" -cp "$cp_all" $main reader $f
# JDK 25 AOT cache (JEP 483/514): one training run writes it, later runs map it.
"$java" "${fast[@]}" "${boot[@]}" -XX:AOTCacheOutput="$work/reader.aot" -cp "$cp_all" $main reader $f >/dev/null 2>&1
"$java" "${fast[@]}" -XX:AOTCacheOutput="$work/reader-nb.aot" -cp "$cp_all" $main reader $f >/dev/null 2>&1
time_it "C1+SerialGC+AOT reader" "$java" "${fast[@]}" -XX:AOTCache="$work/reader-nb.aot" -cp "$cp_all" $main reader $f
for mode in empty open reader; do
  time_it "C1+SerialGC+jnaboot+AOT $mode" "$java" "${fast[@]}" "${boot[@]}" -XX:AOTCache="$work/reader.aot" -cp "$cp_all" $main $mode $f
done
"$java" "${base[@]}" -XX:AOTCacheOutput="$work/reader-c2.aot" -cp "$cp_all" $main reader $f >/dev/null 2>&1
time_it "default+AOT     reader" "$java" "${base[@]}" -XX:AOTCache="$work/reader-c2.aot" -cp "$cp_all" $main reader $f
factory=$(ls ~/.m2/repository/org/pcap4j/pcap4j-packetfactory-static/*/pcap4j-packetfactory-static-*.jar 2>/dev/null | head -1 || true)
if [ -n "$factory" ]; then
  time_it "C1+SerialGC     packet (factory)" "$java" "${fast[@]}" -cp "$cp_all:$factory" $main packet $f
fi
echo "where opening goes (3 runs each: plain C1+SerialGC, + jnaboot, + jnaboot + AOT):"
for i in 1 2 3; do "$java" "${fast[@]}" -cp "$cp_all" $main phases $f; done
for i in 1 2 3; do "$java" "${fast[@]}" "${boot[@]}" -cp "$cp_all" $main phases $f; done
"$java" "${fast[@]}" "${boot[@]}" -XX:AOTCacheOutput="$work/phases.aot" -cp "$cp_all" $main phases $f >/dev/null 2>&1
for i in 1 2 3; do "$java" "${fast[@]}" "${boot[@]}" -XX:AOTCache="$work/phases.aot" -cp "$cp_all" $main phases $f; done
echo "in-process phases (one run each):"
"$java" "${fast[@]}" "${boot[@]}" -XX:AOTCache="$work/reader.aot" -cp "$cp_all" $main reader $f
"$java" "${fast[@]}" -cp "$cp_all" $main reader $f
"$java" "${fast[@]}" -cp "$cp_all" $main raw $f
[ -n "$factory" ] && "$java" "${fast[@]}" -cp "$cp_all:$factory" $main packet $f
"$java" "${fast[@]}" -cp "$cp_all" $main java $f
echo "steady state (warm JVM, best of 30 passes over 10,000 records):"
"$java" "${base[@]}" -cp "$cp_all" $main warm $f 30
