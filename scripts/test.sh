#!/usr/bin/env bash
# Runs every test. Installs missing system packages (as root) and starts PostgreSQL, an SMTP server and Redis on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
icusync_services_up
trap icusync_services_down EXIT
dotnet build IcuSync.slnx -c Release -nologo -v q
dotnet test IcuSync.slnx -c Release --no-build -nologo --logger "console;verbosity=normal" "$@"
# Last: the official MCP conformance suite against `icusync serve`, reported against bench/conformance-baseline.yml
# (each listed failure has its reason there). Reported, not gating: its dns-rebinding-protection scenario has been
# seen to pass and fail on the same build.
bench/conformance.sh || echo "conformance: differs from the baseline (reported above; not gating the test run)"
