#!/usr/bin/env bash
# Builds the bench module and runs the ext_proc load matrix: Inferoute's ext_proc server against a
# no-op processor and a replay of its recorded answers (--replay off: no replay), same driver, same
# JVM, same run; prints absolute figures and ratios as Markdown and keeps a copy in
# bench/target/results/. About 8 minutes with the defaults (plus the build).
#   bench/run-extproc.sh                                   the whole matrix, default durations
#   bench/run-extproc.sh --warmup 2 --measure 5 --rounds 1 shorter
#   bench/run-extproc.sh --concurrency 16 --large-concurrency 0   one cell
# Other options: --small-bytes 4096 --large-kb 220 --large-concurrency 150 --connections 2
#                --endpoints 100 | --policy docs/examples/demo.yaml --jvm-warmup 10 --replay on
# JVM options come from EXTPROC_JVM_OPTS (default: a fixed 2 GiB heap).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  mvn -B -ntp -q -DskipTests package -pl bench -am
fi
mkdir -p bench/target/results
out="bench/target/results/extproc-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
    "$(free -g | awk '/^Mem:/ {print $2}') GiB; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "command: bench/run-extproc.sh $*"
  # shellcheck disable=SC2086
  java ${EXTPROC_JVM_OPTS:--Xms2g -Xmx2g} -cp bench/target/benchmarks.jar \
    io.inferoute.bench.extproc.ExtProcLoad "$@"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee "$out"
echo "saved to $out"
