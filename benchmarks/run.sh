#!/usr/bin/env bash
# Rolegate benchmarks: prints a report and writes BENCHMARKS.md at the repository root (its closing notes:
# benchmarks/notes.md).
#
#   benchmarks/run.sh                 everything (about 10-14 minutes on a 2-core machine)
#   benchmarks/run.sh jmh e2e ...     only these sections (jmh e2e startup propagation scale footprint);
#                                     the report then goes to benchmarks/target/BENCHMARKS-partial.md
#
# Comparisons (with/without agent) run side by side, alternating, in the same run: on a shared,
# noisy machine only ratios and paired differences mean anything.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
bench=$repo/benchmarks

if [[ ! -f agent/target/rolegate-agent.jar || ! -f policy-server/target/rolegate-server.jar \
      || ! -f $bench/target/classpath.txt || ! -d $bench/target/classes/dev ]]; then
  echo "building the agent, the policy server and the benchmarks (once)..."
  mvn -B -q -DskipTests -pl benchmarks -am install
fi

# Snapshot the class path and the agent and server jars: other builds in this working tree must not swap
# jars under a running benchmark (a half-written agent jar fails premain). The harness finds the two jars
# under the directory it is given as the repository, so the snapshot keeps their relative paths.
lib=$bench/target/run-lib
rm -rf "$lib" && mkdir -p "$lib/jars/agent/target" "$lib/jars/policy-server/target"
cp agent/target/rolegate-agent.jar "$lib/jars/agent/target/"
cp policy-server/target/rolegate-server.jar "$lib/jars/policy-server/target/"
cp -r "$bench/target/classes" "$lib/classes"
cp=$lib/classes
IFS=':' read -ra jars < "$bench/target/classpath.txt" || true  # the file has no final newline
for j in "${jars[@]}"; do
  [[ -n $j ]] || continue
  dest=$lib/$(basename "$(dirname "$j")")-$(basename "$j")
  cp "$j" "$dest"
  cp=$cp:$dest
done

work=$bench/target/run-work
rm -rf "$work"
rows=$bench/target/bench-rows.md
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%s)
# The 1-minute load average every 20 s during the run: the machine is shared, and the figures mean more next to it.
loads=$bench/target/loadavg-samples.txt
( while sleep 20; do cut -d' ' -f1 /proc/loadavg; done ) > "$loads" &
sampler=$!
status=0
java -Xmx2g -cp "$cp" dev.rolegate.benchmarks.harness.Main "$lib/jars" "$work" "$rows" "$@" || status=$?
took=$(( $(date -u +%s) - started ))
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
kill "$sampler" 2>/dev/null || true
load_during=$(sort -n "$loads" | awk '{v[NR]=$1} END {if (NR) printf "min %s, median %s, max %s over %d samples", v[1], v[int((NR+1)/2)], v[NR], NR; else print "no samples"}')

out=$repo/BENCHMARKS.md
[[ $# -eq 0 ]] || out=$bench/target/BENCHMARKS-partial.md
{
  echo "# Rolegate benchmarks"
  echo
  echo "Written by \`benchmarks/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') in ${took} s."
  echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"
  echo "$(java -version 2>&1 | head -1); load average before ${load_before}, after ${load_after};"
  echo "1-minute load average during the run: ${load_during}"
  echo "(the machine is shared: other builds ran at the same time, so absolute figures are noisy;"
  echo "ratios come from alternating rounds in the same run)."
  echo
  echo "Reproduce everything with \`benchmarks/run.sh\` (about 6-15 minutes), one section with"
  echo "\`benchmarks/run.sh <section>\` (jmh, e2e, startup, propagation, scale, footprint), and the CI smoke version"
  echo "(each harness once, tiny, no timing asserted) with \`mvn -B -o -pl benchmarks test\`."
  echo
  echo "| figure | measured | goal | verdict | reproduce |"
  echo "|---|---|---|---|---|"
  cat "$rows"
  echo
  cat "$bench/notes.md"
} > "$out"

echo
cat "$out"
echo
echo "report written to ${out#$repo/}"
exit $status
