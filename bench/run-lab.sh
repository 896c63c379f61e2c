#!/usr/bin/env bash
# The placement lab: seeded chat, document and mixed workloads through real gateway processes in
# front of a simulated 12-node fleet, comparing Inferoute's objectives with its peers' strategies.
# Writes docs/benchmarks.md (between the lab markers), the README's headline table, the plots in
# docs/bench/ and raw CSVs in bench/target/lab/. Progress goes to stderr.
#   bench/run-lab.sh                  everything (about 8 minutes on 2 cores)
#   bench/run-lab.sh --quick          the same tables from shorter runs (2 to 2¼ minutes)
#   bench/run-lab.sh --only chat      one scenario (chat, sweep, documents, mixed, failure,
#                                     replicas); its report goes to bench/target/lab/report.md only
#   SKIP_BUILD=1 bench/run-lab.sh …   reuse bench/target/benchmarks.jar
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  mvn -B -ntp -q -DskipTests package -pl bench -am
fi
exec java -Djava.awt.headless=true -cp bench/target/benchmarks.jar io.inferoute.bench.lab.LabMain "$@"
