#!/usr/bin/env bash
# Rolegate bounded soak (issue 6). NOT part of `mvn verify`: run it by hand or on a nightly job.
#
#   scripts/soak.sh                  2 minutes of load after a 15 s warm-up, 8 keep-alive connections
#   SOAK_SECONDS=30 SOAK_THREADS=4 scripts/soak.sh
#
# Starts the real policy server and a JDK HttpServer app with the real agent, drives mixed allowed and
# denied calls (dev.rolegate.benchmarks.soak.Soak), and prints figures and SOAK PASS or SOAK FAIL
# (exit 0 or 1). Pass: zero wrong decisions, zero errors, app heap after full GC within 10% of its
# value after warm-up, every decision record written or counted as dropped. About 3 minutes in all.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
bench=$repo/benchmarks

if [[ ! -f agent/target/rolegate-agent.jar || ! -f policy-server/target/rolegate-server.jar \
      || ! -f $bench/target/classpath.txt || ! -f $bench/target/classes/dev/rolegate/benchmarks/soak/Soak.class ]]; then
  echo "building the agent, the policy server and the benchmarks module (once)..."
  mvn -B -q -DskipTests -pl benchmarks -am install
fi

# Snapshot the class path and jars: other builds in this working tree must not swap them mid-run.
lib=$bench/target/soak-lib
rm -rf "$lib" && mkdir -p "$lib"
cp -r "$bench/target/classes" "$lib/classes"
cp "$repo/agent/target/rolegate-agent.jar" "$repo/policy-server/target/rolegate-server.jar" "$lib/"
snapshot=$bench/target/soak-repo
rm -rf "$snapshot" && mkdir -p "$snapshot/agent/target" "$snapshot/policy-server/target"
ln -s "$lib/rolegate-agent.jar" "$snapshot/agent/target/rolegate-agent.jar"
ln -s "$lib/rolegate-server.jar" "$snapshot/policy-server/target/rolegate-server.jar"
cp=$lib/classes
IFS=':' read -ra jars < "$bench/target/classpath.txt" || true  # the file has no final newline
for j in "${jars[@]}"; do
  [[ -n $j ]] || continue
  dest=$lib/$(basename "$(dirname "$j")")-$(basename "$j")
  cp "$j" "$dest"
  cp=$cp:$dest
done

work=$bench/target/soak-work
rm -rf "$work"
echo "soak on $(nproc) CPUs, $(java -version 2>&1 | head -1), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
java -Xmx1g -cp "$cp" dev.rolegate.benchmarks.soak.Soak "$snapshot" "$work" \
  "${SOAK_SECONDS:-120}" "${SOAK_THREADS:-8}" "${SOAK_WARMUP_SECONDS:-15}" || status=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
