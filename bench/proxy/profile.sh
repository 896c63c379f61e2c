#!/usr/bin/env bash
# Allocation per proxied request, and where it comes from: the same upstream, gateway and wrk load
# as bench/proxy/run.sh, with a JFR recording of the gateway taken over the measured seconds only.
# Prints the bytes the gateway's event loops allocated per request (JFR's per-thread allocation
# counters at the recording's start and end, divided by wrk's request count: exact, not sampled),
# the GC pauses, and the top allocation sites by sampled weight.
#
#   bench/proxy/profile.sh                     build, then 8 s warm-up + 15 s recorded
#   SKIP_BUILD=1 bench/proxy/profile.sh        use the jars already in */target
#   GATEWAY_JAR=/tmp/old.jar SKIP_BUILD=1 ...  profile another build of the gateway (before/after)
#   INFEROUTE_JAVA_OPTS='-Xms1g -Xmx1g -XX:+UseParallelGC' ...   try GC settings
#
# Needs wrk, jq and a JDK's jcmd and jfr (no root). Listens on 127.0.0.1 only; stops what it
# started on exit; every wait is bounded.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

CONNECTIONS=${CONNECTIONS:-32}
WARMUP=${WARMUP:-8}
DURATION=${DURATION:-15}
TOP=${TOP:-25}
INFEROUTE_JAVA_OPTS=${INFEROUTE_JAVA_OPTS:--Xms1g -Xmx1g}
BENCH_JAR=${BENCH_JAR:-$ROOT/bench/target/benchmarks.jar}
GATEWAY_JAR=${GATEWAY_JAR:-$ROOT/gateway/target/inferoute.jar}
UPSTREAM_PORT=28100 # bench/proxy/policy.yaml names it
INFEROUTE_PORT=28180
EXT_PROC_PORT=28192
ADMIN_PORT=28190
RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/inferoute-proxy-profile.XXXXXX")
PIDS=()

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  log "stopped; recording and logs in $RUN_DIR"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_listening() {
  local name=$1 port=$2 pid=$3
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || die "$name exited at start; see $RUN_DIR/$name.log"
    port_in_use "$port" && return 0
    sleep 0.2
  done
  die "$name not listening on $port after 60 s; see $RUN_DIR/$name.log"
}

wrk_run() {
  timeout $(($1 + 30)) wrk -t 1 -c "$CONNECTIONS" -d "$1s" -s "$HERE/chat.lua" \
    "http://127.0.0.1:$INFEROUTE_PORT/v1/chat/completions"
}

# Bytes allocated by the gateway's event-loop threads between the first and the last
# jdk.ThreadAllocationStatistics event of each thread in the recording (JSON: exact byte counts).
event_loop_bytes() {
  jfr print --json --events jdk.ThreadAllocationStatistics "$1" | jq '[.recording.events[]
    | select(.values.thread.javaName | startswith("vert.x-eventloop"))
    | {t: .values.thread.javaThreadId, a: .values.allocated}]
    | group_by(.t) | map((map(.a) | max) - (map(.a) | min)) | add // 0'
}

# Sampled allocation weight on the event loops by allocated class and the two innermost frames.
allocation_sites() {
  jfr print --json --stack-depth 4 --events jdk.ObjectAllocationSample "$1" | jq -r --argjson top "$TOP" '
    [.recording.events[] | select(.values.eventThread.javaName | startswith("vert.x-eventloop"))
      | {k: (.values.objectClass.name + " @ " + (.values.stackTrace.frames
          | map(.method.type.name + "." + .method.name) | .[0:2] | join(" < "))), w: .values.weight}]
    | (map(.w) | add) as $total | group_by(.k) | map({k: .[0].k, w: (map(.w) | add)})
    | sort_by(-.w) | .[0:$top][] | "\(100 * .w / $total | . * 10 | round / 10)%  \(.k)"'
}

main() {
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "building gateway and bench jars"
    (cd "$ROOT" && mvn -B -ntp -q -DskipTests package -pl bench -am)
  fi
  for port in "$UPSTREAM_PORT" "$INFEROUTE_PORT" "$EXT_PROC_PORT" "$ADMIN_PORT"; do
    port_in_use "$port" && die "port $port is in use (expected: free; another run still going?)"
  done
  java -Xms256m -Xmx256m -cp "$BENCH_JAR" io.inferoute.bench.proxy.UpstreamMain "$UPSTREAM_PORT" \
    >"$RUN_DIR/upstream.log" 2>&1 &
  PIDS+=($!)
  wait_listening upstream "$UPSTREAM_PORT" $!
  # shellcheck disable=SC2086
  java $INFEROUTE_JAVA_OPTS "-Xlog:gc:file=$RUN_DIR/gc.log:uptime" -jar "$GATEWAY_JAR" serve \
    --policy "$HERE/policy.yaml" --bind 127.0.0.1 --http-port "$INFEROUTE_PORT" \
    --ext-proc-port "$EXT_PROC_PORT" --admin-port "$ADMIN_PORT" --no-scrape >"$RUN_DIR/inferoute.log" 2>&1 &
  local gateway=$!
  PIDS+=("$gateway")
  wait_listening inferoute "$INFEROUTE_PORT" "$gateway"
  log "warm-up ${WARMUP}s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk_run "$WARMUP" >/dev/null
  jcmd "$gateway" JFR.start name=proxy settings=profile filename="$RUN_DIR/proxy.jfr" >/dev/null
  local gc_from
  gc_from=$(wc -l <"$RUN_DIR/gc.log")
  log "recording ${DURATION}s"
  wrk_run "$DURATION" >"$RUN_DIR/wrk.txt"
  jcmd "$gateway" JFR.stop name=proxy >/dev/null
  local requests bytes
  requests=$(awk '/requests in/ { print $1 }' "$RUN_DIR/wrk.txt")
  bytes=$(event_loop_bytes "$RUN_DIR/proxy.jfr")
  echo "load average $(cut -d' ' -f1-3 /proc/loadavg); gateway opts: $INFEROUTE_JAVA_OPTS"
  grep -E 'Requests/sec|Non-2xx|Socket errors' "$RUN_DIR/wrk.txt" || true
  echo "requests: $requests; event-loop allocation: $bytes bytes = $((bytes / requests)) bytes per request"
  tail -n +$((gc_from + 1)) "$RUN_DIR/gc.log" | awk '/Pause/ { v = $NF; sub(/ms$/, "", v); n++; s += v;
    if (v + 0 > m) m = v + 0 } END { printf "GC while recording: %d pauses, %.1f ms in all, longest %.1f ms\n", n, s, m }'
  echo "top allocation sites (share of sampled weight; class @ allocating frame):"
  allocation_sites "$RUN_DIR/proxy.jfr"
}

main "$@"
