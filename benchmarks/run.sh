#!/usr/bin/env bash
# Rolegate benchmarks: prints a report and writes benchmarks/BENCHMARKS.md (docs: benchmarks/notes.md).
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

# Snapshot the class path: other builds in this working tree must not swap jars under a running benchmark.
lib=$bench/target/run-lib
rm -rf "$lib" && mkdir -p "$lib"
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
status=0
java -Xmx2g -cp "$cp" dev.rolegate.benchmarks.harness.Main "$repo" "$work" "$rows" "$@" || status=$?
took=$(( $(date -u +%s) - started ))
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

out=$bench/BENCHMARKS.md
[[ $# -eq 0 ]] || out=$bench/target/BENCHMARKS-partial.md
{
  echo "# Rolegate benchmarks"
  echo
  echo "Written by \`benchmarks/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') in ${took} s."
  echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"
  echo "$(java -version 2>&1 | head -1); load average before ${load_before}, after ${load_after}"
  echo "(the machine is shared: other builds ran at the same time, so absolute figures are noisy;"
  echo "ratios come from alternating rounds in the same run)."
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
