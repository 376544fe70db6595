#!/usr/bin/env bash
# Runs every test. Installs missing system packages (as root) and starts PostgreSQL, an SMTP server and Redis on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
icusync_services_up
trap icusync_services_down EXIT
dotnet build IcuSync.slnx -c Release -nologo -v q
dotnet test IcuSync.slnx -c Release --no-build -nologo --logger "console;verbosity=normal" "$@"
# Last: the official MCP conformance suite against `icusync serve`. It reports every scenario, and fails the run only
# on a failure that bench/conformance-baseline.yml does not list (each listed one has its reason there).
bench/conformance.sh
