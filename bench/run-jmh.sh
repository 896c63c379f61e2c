#!/usr/bin/env bash
# Builds the benchmarks and runs them with the GC profiler (allocation per operation).
#   bench/run-jmh.sh                      all benchmarks
#   bench/run-jmh.sh DecisionBenchmark    one class (any JMH regexp and options may follow)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests package -pl bench -am
mkdir -p bench/target/results
java -jar bench/target/benchmarks.jar -prof gc -rf json \
  -rff "bench/target/results/jmh-$(date -u +%Y%m%dT%H%M%SZ).json" "${@:-.*}"
