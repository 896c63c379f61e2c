#!/usr/bin/env bash
# Proxy overhead on loopback: Inferoute's HTTP gateway, nginx, HAProxy and two bare relays (the
# floors of the gateway's stack: BareRelay.java on Vert.x, BareNettyRelay.java on Netty's codecs
# alone) in front of the same
# upstream (bench/src/main/java/io/inferoute/bench/proxy/StaticUpstream.java), plus wrk straight
# to the upstream as a baseline. Prints requests/s, p50 and p99 for each, and the ratios to nginx
# from the same round.
#
#   bench/proxy/run.sh                      build, then 2 rounds (about 7 minutes after the build)
#   ROUNDS=1 DURATION=10 bench/proxy/run.sh fewer/shorter rounds
#   JVM_WARMUP=0 bench/proxy/run.sh        no JIT warm-up pass (measures the compiler too)
#   SKIP_BUILD=1 bench/proxy/run.sh         use the jars already in */target
#   UPSTREAM=sim bench/proxy/run.sh         the simulated model server (speed-up 1e6) as upstream
#
# Besides requests/s and latency, each row gives the CPU time the proxy used per request (its
# processes' user + system time over the measured run ÷ requests): what it costs whatever share of
# the 2 shared cores it got, so compare it across proxies within a round.
#
# Needs root only to apt-get install nginx-light, haproxy, wrk, curl and procps when they are missing.
# Everything it starts listens on 127.0.0.1 only and is stopped on exit (trap); every wait is bounded.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

THREADS=${THREADS:-1}          # wrk threads: one leaves most of the 2 cores to the proxy
CONNECTIONS=${CONNECTIONS:-32} # wrk connections, all kept alive
WARMUP=${WARMUP:-8}            # seconds of load before each measured run (pools, caches)
# Seconds of load each JVM target (the two bare relays, Inferoute and the upstream behind them) gets
# once before round 1: under this load C2 keeps compiling for 15-20 s, and a measured window that
# overlaps it loses a core's worth of CPU to the compiler (measured: 23.8 µs of C2 time per request in
# the window after an 8 s warm-up, about 0 from 20 s on). nginx and HAProxy have no JIT to wait for.
JVM_WARMUP=${JVM_WARMUP:-30}
DURATION=${DURATION:-15}       # seconds of each measured run
ROUNDS=${ROUNDS:-2}            # the matrix is run this many times, in alternating order
UPSTREAM=${UPSTREAM:-static}   # static | sim
# A fixed heap so it is not resized during a measurement; the GC log is read back for the report.
INFEROUTE_JAVA_OPTS=${INFEROUTE_JAVA_OPTS:--Xms1g -Xmx1g}

UPSTREAM_PORT=28100 # fixed: bench/proxy/policy.yaml, nginx.conf and haproxy.cfg name it
INFEROUTE_PORT=28180
NGINX_PORT=28181
HAPROXY_PORT=28182
BARE_PORT=28183
NETTY_PORT=28184
EXT_PROC_PORT=28192
ADMIN_PORT=28190
START_WAIT_SECONDS=60

BENCH_JAR=$ROOT/bench/target/benchmarks.jar
GATEWAY_JAR=$ROOT/gateway/target/inferoute.jar
RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/inferoute-proxy-bench.XXXXXX")
PIDS=()

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    # Bounded: 10 s for a clean stop, then KILL.
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -9 "$pid" 2>/dev/null || true
  done
  log "stopped; logs and raw wrk output in $RUN_DIR"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# The settings above come from the environment: a typo must stop the run before anything starts.
check_settings() {
  local spec name min value
  for spec in THREADS:1 CONNECTIONS:1 WARMUP:1 DURATION:1 ROUNDS:1 JVM_WARMUP:0; do
    name=${spec%%:*}
    min=${spec##*:}
    value=${!name}
    [[ "$value" =~ ^[0-9]+$ ]] && [ "$value" -ge "$min" ] \
      || die "$name=$value (expected: a whole number of at least $min)"
  done
  [ "$UPSTREAM" = static ] || [ "$UPSTREAM" = sim ] || die "UPSTREAM=$UPSTREAM (expected: static or sim)"
}

install_missing() {
  local missing=()
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
  command -v wrk >/dev/null || missing+=(wrk)
  command -v curl >/dev/null || missing+=(curl)
  command -v pgrep >/dev/null || missing+=(procps)
  [ ${#missing[@]} -eq 0 ] && return
  [ "$(id -u)" -eq 0 ] || die "missing ${missing[*]} and not root (expected: root, or those packages installed)"
  log "installing ${missing[*]}"
  apt-get update -qq
  # The packages' own services are not started: policy-rc.d or no init in containers; ours run in the foreground.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  if [ "${SKIP_BUILD:-0}" = 1 ]; then
    [ -f "$BENCH_JAR" ] && [ -f "$GATEWAY_JAR" ] || die "SKIP_BUILD=1 but $BENCH_JAR or $GATEWAY_JAR is missing"
    return
  fi
  log "building gateway and bench jars"
  (cd "$ROOT" && mvn -B -ntp -q -DskipTests package -pl bench -am)
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_free() {
  local port
  for port in "$@"; do
    port_in_use "$port" && die "port $port is in use (expected: free; another run still going?)"
  done
  return 0
}

# start NAME COMMAND...: runs it in the background with its output in RUN_DIR/NAME.log; its pid
# goes to STARTED (not echoed: a command substitution would run it in a subshell, out of PIDS).
STARTED=
start() {
  local name=$1
  shift
  "$@" >"$RUN_DIR/$name.log" 2>&1 &
  STARTED=$!
  PIDS+=("$STARTED")
}

wait_listening() {
  local name=$1 port=$2 pid=$3
  for _ in $(seq 1 $((START_WAIT_SECONDS * 5))); do
    kill -0 "$pid" 2>/dev/null || die "$name exited at start; see $RUN_DIR/$name.log"
    port_in_use "$port" && return 0
    sleep 0.2
  done
  die "$name not listening on $port after ${START_WAIT_SECONDS}s; see $RUN_DIR/$name.log"
}

start_everything() {
  local sim_args=()
  [ "$UPSTREAM" = sim ] && sim_args=(sim 1e6)
  start upstream java -Xms256m -Xmx256m -cp "$BENCH_JAR" io.inferoute.bench.proxy.UpstreamMain \
    "$UPSTREAM_PORT" "${sim_args[@]}"
  wait_listening upstream "$UPSTREAM_PORT" "$STARTED"
  PID_OF[upstream]=$STARTED
  # --no-scrape: the static upstream has no /metrics, and a scrape would add load the other proxies
  # do not see.
  # shellcheck disable=SC2086
  start inferoute java $INFEROUTE_JAVA_OPTS "-Xlog:gc:file=$RUN_DIR/inferoute-gc.log:uptime" -jar "$GATEWAY_JAR" serve --policy "$HERE/policy.yaml" \
    --bind 127.0.0.1 --http-port "$INFEROUTE_PORT" --ext-proc-port "$EXT_PROC_PORT" \
    --admin-port "$ADMIN_PORT" --no-scrape
  wait_listening inferoute "$INFEROUTE_PORT" "$STARTED"
  PID_OF[inferoute]=$STARTED
  mkdir -p "$RUN_DIR/nginx/tmp"
  start nginx "$(command -v nginx || echo /usr/sbin/nginx)" -p "$RUN_DIR/nginx/" \
    -e "$RUN_DIR/nginx/error.log" -c "$HERE/nginx.conf"
  wait_listening nginx "$NGINX_PORT" "$STARTED"
  PID_OF[nginx]=$STARTED
  start haproxy "$(command -v haproxy || echo /usr/sbin/haproxy)" -db -f "$HERE/haproxy.cfg"
  wait_listening haproxy "$HAPROXY_PORT" "$STARTED"
  PID_OF[haproxy]=$STARTED
  # The Vert.x floor: the same stack and settings as the gateway, relaying to the one upstream with
  # no work of its own (bench/src/main/java/io/inferoute/bench/proxy/BareRelay.java).
  # shellcheck disable=SC2086
  start bare-vertx java $INFEROUTE_JAVA_OPTS -cp "$BENCH_JAR" io.inferoute.bench.proxy.BareRelay \
    "$BARE_PORT" "$UPSTREAM_PORT"
  wait_listening bare-vertx "$BARE_PORT" "$STARTED"
  PID_OF[bare-vertx]=$STARTED
  # Below it, Netty's HTTP codecs alone, each client paired with its own upstream connection
  # (BareNettyRelay.java): what a data path without Vert.x's HTTP objects could cost.
  # shellcheck disable=SC2086
  start bare-netty java $INFEROUTE_JAVA_OPTS -cp "$BENCH_JAR" io.inferoute.bench.proxy.BareNettyRelay \
    "$NETTY_PORT" "$UPSTREAM_PORT"
  wait_listening bare-netty "$NETTY_PORT" "$STARTED"
  PID_OF[bare-netty]=$STARTED
}

# CPU time (user + system, in clock ticks) of a process and its children so far: nginx's workers
# are children of the master started here; a JVM's or HAProxy's threads are counted in the process.
declare -A PID_OF=()
cpu_ticks() {
  local pid=$1 total=0 p
  for p in "$pid" $(pgrep -P "$pid" || true); do
    # Fields 14 and 15 of /proc/PID/stat, counted after the ")" that ends the command name; a
    # process gone meanwhile counts 0.
    total=$((total + $( (sed -E 's/^.*\) //' "/proc/$p/stat" 2>/dev/null || true) \
      | awk '{ t = $12 + $13 } END { print t + 0 }')))
  done
  echo "$total"
}

url() { echo "http://127.0.0.1:$1/v1/chat/completions"; }

# Each target must answer one chat request with 200 and the upstream's body before it is measured.
check_answers() {
  local name=$1 port=$2 status
  status=$(curl -s -o "$RUN_DIR/check-$name.json" -w '%{http_code}' --max-time 5 \
    -H 'content-type: application/json' --data-binary @<(lua_body) "$(url "$port")") || true
  [ "$status" = 200 ] || die "$name answered $status (expected: 200); see $RUN_DIR/check-$name.json"
  grep -q '"chat.completion"' "$RUN_DIR/check-$name.json" || die "$name: not a chat completion: $(head -c 300 "$RUN_DIR/check-$name.json")"
}

# The request body, taken from chat.lua so that the check and wrk send the same bytes.
lua_body() { sed -n "s/^wrk.body = '\(.*\)'$/\1/p" "$HERE/chat.lua"; }

wrk_run() {
  local seconds=$1 port=$2
  shift 2
  timeout $((seconds + 30)) wrk -t "$THREADS" -c "$CONNECTIONS" -d "${seconds}s" "$@" \
    -s "$HERE/chat.lua" "$(url "$port")"
}

# to_ms VALUE UNIT
to_ms() { awk -v v="$1" -v u="$2" 'BEGIN { f = u == "us" ? 0.001 : u == "ms" ? 1 : 1000; printf "%.3f", v * f }'; }

percentile() {
  local p=$1 file=$2 line
  line=$(grep -E "^ +$p% +[0-9.]+(us|ms|s)$" "$file" | head -1) || die "no p$p in $file"
  # shellcheck disable=SC2086
  set -- $line
  to_ms "$(sed -E 's/(us|ms|s)$//' <<<"$2")" "$(sed -E 's/^[0-9.]+//' <<<"$2")"
}

# measure ROUND NAME PORT: warm-up, then the measured run; appends a row to RUN_DIR/results.tsv.
measure() {
  local round=$1 name=$2 port=$3 out rps p50 p99 errors
  out="$RUN_DIR/round$round-$name.txt"
  log "round $round: $name warm-up ${WARMUP}s, then ${DURATION}s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk_run "$WARMUP" "$port" >/dev/null
  local gc_from
  gc_from=$(gc_lines)
  local proxy_pid=${PID_OF[$name]:-} proxy_from=0 upstream_from
  [ -n "$proxy_pid" ] && proxy_from=$(cpu_ticks "$proxy_pid")
  upstream_from=$(cpu_ticks "${PID_OF[upstream]}")
  wrk_run "$DURATION" "$port" --latency >"$out"
  local proxy_ticks=0 upstream_ticks
  [ -n "$proxy_pid" ] && proxy_ticks=$(($(cpu_ticks "$proxy_pid") - proxy_from))
  upstream_ticks=$(($(cpu_ticks "${PID_OF[upstream]}") - upstream_from))
  [ "$name" = inferoute ] && echo "round $round: Inferoute GC during the measured run: $(gc_pauses_since "$gc_from")" \
    >>"$RUN_DIR/gc-summary.txt"
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  [ -n "$rps" ] || die "no Requests/sec in $out"
  p50=$(percentile 50 "$out")
  p99=$(percentile 99 "$out")
  errors=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$out")
  local requests
  requests=$(awk '/ requests in / { print $1 }' "$out")
  [ -n "$requests" ] && [ "$requests" -gt 0 ] || die "no request count in $out"
  # CPU µs per request: ticks × (1e6 / CLK_TCK) ÷ requests.
  local tick_us=$((1000000 / $(getconf CLK_TCK)))
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$rps" "$p50" "$p99" "$errors" \
    "$(awk -v t="$proxy_ticks" -v u="$tick_us" -v n="$requests" 'BEGIN { printf "%.1f", t * u / n }')" \
    "$(awk -v t="$upstream_ticks" -v u="$tick_us" -v n="$requests" 'BEGIN { printf "%.1f", t * u / n }')" \
    >>"$RUN_DIR/results.tsv"
}

gc_lines() { wc -l <"$RUN_DIR/inferoute-gc.log" 2>/dev/null || echo 0; }

# The stop-the-world pauses the gateway's GC log shows after line FROM.
gc_pauses_since() {
  tail -n +$(($1 + 1)) "$RUN_DIR/inferoute-gc.log" | awk '/Pause/ {
      v = $NF; sub(/ms$/, "", v); n++; sum += v; if (v + 0 > max) max = v + 0 }
    END { printf "%d pauses, %.1f ms in all, longest %.1f ms\n", n, sum, max }'
}

run_round() {
  local round=$1 order=(direct nginx haproxy bare-netty bare-vertx inferoute) name
  # Alternate the order so no proxy always runs first (coldest machine) or last.
  [ $((round % 2)) -eq 0 ] && order=(inferoute bare-vertx bare-netty haproxy nginx direct)
  for name in "${order[@]}"; do
    measure "$round" "$name" "$(port_of "$name")"
  done
}

port_of() {
  case $1 in
    direct) echo "$UPSTREAM_PORT" ;;
    nginx) echo "$NGINX_PORT" ;;
    haproxy) echo "$HAPROXY_PORT" ;;
    inferoute) echo "$INFEROUTE_PORT" ;;
    bare-vertx) echo "$BARE_PORT" ;;
    bare-netty) echo "$NETTY_PORT" ;;
  esac
}

report() {
  awk -F'\t' '
    { rps[$1, $2] = $3; p50[$1, $2] = $4; p99[$1, $2] = $5; err[$1, $2] = $6; cpu[$1, $2] = $7
      up[$1, $2] = $8; if ($1 > rounds) rounds = $1 }
    END {
      split("direct nginx haproxy bare-netty bare-vertx inferoute", names, " ")
      print "| round | target | requests/s | p50 ms | p99 ms | errors | req/s ÷ nginx | p99 − nginx ms | proxy CPU µs/request | ÷ nginx | upstream CPU µs/request |"
      print "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
      for (r = 1; r <= rounds; r++) {
        for (i = 1; i <= 6; i++) {
          n = names[i]
          printf "| %d | %s | %.0f | %.3f | %.3f | %d | %.2f× | %+.3f | %s | %s | %.1f |\n", r, n, rps[r, n], p50[r, n], p99[r, n],
            err[r, n], rps[r, n] / rps[r, "nginx"], p99[r, n] - p99[r, "nginx"],
            (n == "direct" ? "—" : sprintf("%.1f", cpu[r, n])),
            (n == "direct" || cpu[r, "nginx"] == 0 ? "—" : sprintf("%.2f×", cpu[r, n] / cpu[r, "nginx"])), up[r, n]
        }
      }
      print ""
      for (r = 1; r <= rounds; r++) {
        tput = rps[r, "inferoute"] / rps[r, "nginx"]; dp99 = p99[r, "inferoute"] - p99[r, "nginx"]
        printf "round %d: Inferoute/nginx %.2f× req/s (target ≥ 1.00×: %s), p99 %+.3f ms vs nginx (target ≤ +0.200: %s); HAProxy/nginx %.2f×; bare Netty relay/nginx %.2f×, bare Vert.x relay/nginx %.2f×, Inferoute/bare Vert.x relay %.2f×\n",
          r, tput, (tput >= 1 ? "met" : "MISSED"), dp99, (dp99 <= 0.2 ? "met" : "MISSED"), rps[r, "haproxy"] / rps[r, "nginx"],
          rps[r, "bare-netty"] / rps[r, "nginx"], rps[r, "bare-vertx"] / rps[r, "nginx"], rps[r, "inferoute"] / rps[r, "bare-vertx"]
      }
    }' "$RUN_DIR/results.tsv"
}

main() {
  check_settings
  install_missing
  build
  require_free "$UPSTREAM_PORT" "$INFEROUTE_PORT" "$NGINX_PORT" "$HAPROXY_PORT" "$BARE_PORT" "$NETTY_PORT" "$EXT_PROC_PORT" "$ADMIN_PORT"
  log "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(java -version 2>&1 | head -1);" \
    "$(nginx -v 2>&1); $(haproxy -v | head -1 | cut -d' ' -f1-3); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
  log "wrk -t $THREADS -c $CONNECTIONS, JIT warm-up ${JVM_WARMUP}s per JVM target, then ${WARMUP}s warm-up + ${DURATION}s measured per target, $ROUNDS round(s), upstream $UPSTREAM"
  start_everything
  local name
  for name in direct nginx haproxy bare-netty bare-vertx inferoute; do
    check_answers "$name" "$(port_of "$name")"
  done
  if [ "$JVM_WARMUP" -gt 0 ]; then
    for name in direct bare-netty bare-vertx inferoute; do
      log "JIT warm-up: $name ${JVM_WARMUP}s"
      wrk_run "$JVM_WARMUP" "$(port_of "$name")" >/dev/null
    done
  fi
  for round in $(seq 1 "$ROUNDS"); do
    run_round "$round"
  done
  { report; echo; cat "$RUN_DIR/gc-summary.txt"; } | tee "$RUN_DIR/results.md"
}

main "$@"
