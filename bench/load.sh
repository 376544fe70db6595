#!/usr/bin/env bash
# The IcuSync load run in one command (docs/performance.md): builds Release, seeds 1,000 invited-coach tokens, starts
# `icusync serve` (on the sandbox, temporary SQLite), the MCP SDK echo ceiling (a two-byte answer, and one of get_fitness's
# size) and the bare Kestrel ceiling on CPU 0, drives
# each at 1, 16 and 128 clients from CPU 1, then RSS after 100k calls across the 1,000 tokens and the cold start, and
# prints the figures with the ratios to the ceilings and the targets. Results: $OUT (JSON per run + report.md).
#
# Knobs (environment): DURATION=10s WARMUP=2s WARMUP_ROUND=30s LEVELS="1 16 128" TOKENS=1000 RSS_CALLS=100000
#                      COLD_RUNS=5 COLD_BUILD=composite SERVER_CPU=0 DRIVER_CPU=1 OUT=artifacts/load/<utc time>
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-2s}
# 30 s: on one pinned core the JIT takes 20–30 s under load to bring hot code to its optimized tier (the echo ceiling
# ran at a third of its steady rate for its first 15 s); the load levels measure the steady state, the cold start the start.
WARMUP_ROUND=${WARMUP_ROUND:-30s}
LEVELS=${LEVELS:-"1 16 128"}
TOKENS=${TOKENS:-1000}
RSS_CALLS=${RSS_CALLS:-100000}
COLD_RUNS=${COLD_RUNS:-5}
SERVER_CPU=${SERVER_CPU:-0}
DRIVER_CPU=${DRIVER_CPU:-1}
OUT=${OUT:-artifacts/load/$(date -u +%Y%m%dT%H%M%SZ)}
# The echo ceiling's second tool answers with prepared structured content as large as get_fitness's whole answer
# (6,732 bytes, see "Token economy"): the MCP SDK's own ceiling for an answer of that size, reported next to echo.
SAME_SIZE_ARGS='{"message":"hi","bytes":6732}'
PORT_ICU=5180 PORT_ECHO=5181 PORT_FIXED=5182 PORT_COLD=5183 PORT_SANDBOX=5184

started=$(date +%s)
echo "== build (Release)"
dotnet build bench/IcuSync.LoadDriver -c Release -nologo -v q -clp:ErrorsOnly
DRIVER=(dotnet bench/IcuSync.LoadDriver/bin/Release/net10.0/icusync-load.dll)
SERVER_DLL=src/IcuSync.Server/bin/Release/net10.0/icusync.dll
# The cold start is measured on a ReadyToRun publish, as the server should be deployed: JIT compilation is most of a
# start otherwise. COLD_BUILD=composite (default): self-contained, the app and the framework precompiled together into
# one composite image (generic instantiations and inlining across assembly boundaries included); COLD_BUILD=r2r:
# framework-dependent ReadyToRun; COLD_BUILD=plain: the Release build. Offline: crossgen2 and the runtime packs come
# from the NuGet mirror.
COLD_DLL=$SERVER_DLL
case ${COLD_BUILD:-composite} in
  composite)
    echo "== publish (Release, self-contained, composite ReadyToRun) for the cold start"
    dotnet publish src/IcuSync.Server -c Release -r linux-x64 --self-contained true -p:PublishReadyToRun=true \
      -p:PublishReadyToRunComposite=true -o artifacts/publish/icusync-composite -nologo -v q -clp:ErrorsOnly
    COLD_DLL=artifacts/publish/icusync-composite/icusync.dll ;;
  r2r)
    echo "== publish (Release, ReadyToRun) for the cold start"
    dotnet publish src/IcuSync.Server -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
      -o artifacts/publish/icusync-r2r -nologo -v q -clp:ErrorsOnly
    COLD_DLL=artifacts/publish/icusync-r2r/icusync.dll ;;
  plain) ;;
  *) echo "COLD_BUILD must be composite, r2r or plain" >&2; exit 2 ;;
esac

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d /tmp/icusync-load.XXXXXX)
PIDS=()
stop_servers() { # SIGTERM (graceful stop), then SIGKILL whatever is left after 5 s
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [[ $alive == 0 ]] && break
    sleep 0.1
  done
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  PIDS=()
}
trap 'stop_servers; rm -rf "$WORK"' EXIT

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo n/a)"
  echo "cpus: $(nproc) ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "dotnet: $(dotnet --version)"
} > "$OUT/machine.txt"

echo "== seed $TOKENS invited-coach tokens (get_fitness on one demo athlete each)"
taskset -c "$DRIVER_CPU" "${DRIVER[@]}" seed --database "$WORK/icusync.db" --tokens "$TOKENS" \
  --out "$WORK/tokens.txt" --base-url "http://127.0.0.1:$PORT_ICU"

wait_for() { # file text pid
  for _ in $(seq 1 1200); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { echo "process $3 exited before printing '$2':"; cat "$1"; exit 1; }
    sleep 0.1
  done
  echo "timed out waiting for '$2' in $1:"; cat "$1"; exit 1
}

echo "== start the sandbox (CPU $DRIVER_CPU), icusync serve, echo ceiling, fixed ceiling (CPU $SERVER_CPU)"
# The sandbox runs as its own process (`icusync sandbox`), so the server's RSS is IcuSync's alone, not the demo data's.
# After warm-up it gets no requests (the upstream counter below shows it), so it takes nothing from the driver's CPU.
taskset -c "$DRIVER_CPU" dotnet "$SERVER_DLL" sandbox --port "$PORT_SANDBOX" > "$WORK/sandbox.log" 2>&1 &
SANDBOX_PID=$!; PIDS+=("$SANDBOX_PID")
wait_for "$WORK/sandbox.log" "listening" "$SANDBOX_PID"
# Read caches held for the run, so get_fitness stays cached throughout (the run checks the upstream counter stays flat).
taskset -c "$SERVER_CPU" dotnet "$SERVER_DLL" serve --urls "http://127.0.0.1:$PORT_ICU" \
  --Intervals:BaseAddress "http://127.0.0.1:$PORT_SANDBOX/" --Intervals:Sandbox true \
  --Database:ConnectionString "Data Source=$WORK/icusync.db" --Smtp:PickupDirectory "$WORK/mail" \
  --Logging:Format text --Logging:LogLevel:Default Warning \
  --RateLimits:McpPerTokenPerSecond 100000 --RateLimits:McpPerTokenBurst 100000 \
  --RateLimits:McpPerIpPerSecond 1000000 --RateLimits:McpPerIpBurst 1000000 \
  --Cache:Athlete 00:30:00 --Cache:Activities 00:30:00 --Cache:Wellness 00:30:00 --Cache:Events 00:30:00 \
  > "$WORK/server.log" 2>&1 &
ICU_PID=$!; PIDS+=("$ICU_PID")
taskset -c "$SERVER_CPU" "${DRIVER[@]}" echo-server --port "$PORT_ECHO" > "$WORK/echo.log" 2>&1 &
ECHO_PID=$!; PIDS+=("$ECHO_PID")
taskset -c "$SERVER_CPU" "${DRIVER[@]}" fixed-server --port "$PORT_FIXED" > "$WORK/fixed.log" 2>&1 &
FIXED_PID=$!; PIDS+=("$FIXED_PID")
wait_for "$WORK/server.log" "IcuSync is listening" "$ICU_PID"
wait_for "$WORK/echo.log" "listening" "$ECHO_PID"
wait_for "$WORK/fixed.log" "listening" "$FIXED_PID"

run() { # label pid clients args...
  local label=$1 pid=$2 clients=$3
  shift 3
  taskset -c "$DRIVER_CPU" "${DRIVER[@]}" run "$@" --label "$label" --concurrency "$clients" \
    --duration "$DURATION" --warmup "$WARMUP" --server-pid "$pid" --json "$OUT/run-$label-c$clients.json" | sed -n '3p'
}
echo "== warm-up round: $WARMUP_ROUND per target at 16 clients, not measured (JIT tiering, caches, last-used stamps)"
for target in "fixed $FIXED_PID --url http://127.0.0.1:$PORT_FIXED/ --tool echo" \
              "echo $ECHO_PID --url http://127.0.0.1:$PORT_ECHO/mcp --tool echo" \
              "echo-same-size $ECHO_PID --url http://127.0.0.1:$PORT_ECHO/mcp --tool echo_payload" \
              "icusync $ICU_PID --urls-file $WORK/tokens.txt --tool get_fitness"; do
  set -- $target
  label=$1; shift 2
  case $label in icusync) args='{}' ;; echo-same-size) args=$SAME_SIZE_ARGS ;; *) args='{"message":"hi"}' ;; esac
  taskset -c "$DRIVER_CPU" "${DRIVER[@]}" run "$@" --args "$args" --label "warm-up $label" --concurrency 16 \
    --duration "$WARMUP_ROUND" --warmup 0s > /dev/null
done

echo "== load: $LEVELS clients, ${WARMUP} warm-up + ${DURATION} each, targets interleaved per level"
echo "| target | tool | clients | calls/s | p50 ms | p90 ms | p99 ms | max ms | errors | server CPU ms/call | upstream requests | load avg |"
for clients in $LEVELS; do
  run fixed "$FIXED_PID" "$clients" --url "http://127.0.0.1:$PORT_FIXED/" --tool echo --args '{"message":"hi"}'
  run echo "$ECHO_PID" "$clients" --url "http://127.0.0.1:$PORT_ECHO/mcp" --tool echo --args '{"message":"hi"}'
  run echo-same-size "$ECHO_PID" "$clients" --url "http://127.0.0.1:$PORT_ECHO/mcp" --tool echo_payload --args "$SAME_SIZE_ARGS"
  run icusync "$ICU_PID" "$clients" --urls-file "$WORK/tokens.txt" --tool get_fitness --args '{}' \
    --metrics-url "http://127.0.0.1:$PORT_ICU/metrics"
done

echo "== RSS after $RSS_CALLS get_fitness calls across $TOKENS tokens (server on CPUs $SERVER_CPU,$DRIVER_CPU for this phase)"
# Memory is not a speed figure: the server may use both cores here, so the phase takes half the time.
taskset -a -p -c "$SERVER_CPU,$DRIVER_CPU" "$ICU_PID" > /dev/null
taskset -c "$DRIVER_CPU" "${DRIVER[@]}" rss --urls-file "$WORK/tokens.txt" --pid "$ICU_PID" --calls "$RSS_CALLS" \
  --concurrency 16 --json "$OUT/rss.json"
stop_servers

echo "== cold start ($COLD_RUNS starts of icusync serve on CPU $SERVER_CPU, built-in sandbox)"
taskset -c "$DRIVER_CPU" "${DRIVER[@]}" coldstart --server-dll "$COLD_DLL" --runs "$COLD_RUNS" --port "$PORT_COLD" \
  --cpu "$SERVER_CPU" --json "$OUT/coldstart.json"
# The same with the sandbox already running in its own process: the server's own start, as in production.
taskset -c "$DRIVER_CPU" dotnet "$SERVER_DLL" sandbox --port "$PORT_SANDBOX" > "$WORK/sandbox2.log" 2>&1 &
SANDBOX_PID=$!; PIDS+=("$SANDBOX_PID")
wait_for "$WORK/sandbox2.log" "listening" "$SANDBOX_PID"
echo "== cold start ($COLD_RUNS starts of icusync serve on CPU $SERVER_CPU, sandbox already running)"
taskset -c "$DRIVER_CPU" "${DRIVER[@]}" coldstart --server-dll "$COLD_DLL" --runs "$COLD_RUNS" --port "$PORT_COLD" \
  --cpu "$SERVER_CPU" --intervals "http://127.0.0.1:$PORT_SANDBOX/" --json "$OUT/coldstart-server-only.json"
stop_servers

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
echo "== report ($(( $(date +%s) - started )) s in all; files in $OUT)"
cat "$OUT/machine.txt"
echo
"${DRIVER[@]}" report --dir "$OUT"
