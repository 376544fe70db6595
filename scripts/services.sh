#!/usr/bin/env bash
# Installs and starts the local services the integration tests need, all on 127.0.0.1.
# Sourced by scripts/test.sh; also usable by hand: `source scripts/services.sh && icusync_services_up`.
# Exports:
#   ICUSYNC_TEST_POSTGRES   Npgsql connection string to a throwaway database
#   ICUSYNC_TEST_SMTP_PORT  port of a real SMTP server (aiosmtpd) that stores mail in $ICUSYNC_TEST_MAILDIR
#   ICUSYNC_TEST_REDIS      host:port of a redis-server
#   ICUSYNC_TEST_CHROMIUM   path of Debian's Chromium

ICUSYNC_APT_PACKAGES="postgresql python3-aiosmtpd redis-server chromium"

icusync_install_packages() {
  local missing=()
  command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
  /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "services: missing ${missing[*]}; run as root or install them: apt-get install -y $ICUSYNC_APT_PACKAGES" >&2
    return 0
  fi
  echo "services: installing ${missing[*]} with apt" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "${missing[@]}" >/tmp/icusync-apt.log 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "${missing[@]}" >/tmp/icusync-apt.log 2>&1; } \
    || { echo "services: apt-get failed, see /tmp/icusync-apt.log" >&2; return 1; }
}

icusync_free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

icusync_start_postgres() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 0
  local ver cluster
  ver=$(ls /usr/lib/postgresql | sort -V | tail -n1)
  cluster=main
  if ! pg_lsclusters -h | awk '{print $2}' | grep -qx "$cluster"; then
    pg_createcluster "$ver" "$cluster" >/dev/null 2>&1 || true
  fi
  pg_ctlcluster "$ver" "$cluster" start >/dev/null 2>&1 || true
  local port
  port=$(pg_lsclusters -h | awk -v c="$cluster" '$2==c {print $3}' | head -n1)
  local db="icusync_test_$$"
  su postgres -c "psql -q -p $port -c \"DO \\\$\\\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='icusync') THEN CREATE ROLE icusync LOGIN SUPERUSER PASSWORD 'icusync'; END IF; END\\\$\\\$;\"" >/dev/null 2>&1 || { echo "services: PostgreSQL not reachable" >&2; return 0; }
  su postgres -c "psql -q -p $port -c 'CREATE DATABASE $db OWNER icusync'" >/dev/null 2>&1 || true
  export ICUSYNC_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Database=$db;Username=icusync;Password=icusync"
  ICUSYNC_PG_PORT=$port
  ICUSYNC_PG_DB=$db
}

icusync_start_smtp() {
  /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || return 0
  local port dir
  port=$(icusync_free_port)
  dir=$(mktemp -d /tmp/icusync-mail.XXXXXX)
  /usr/bin/python3 - "$port" "$dir" >/tmp/icusync-smtp.log 2>&1 <<'PY' &
import sys, time, os, asyncio
from aiosmtpd.controller import Controller
port, folder = int(sys.argv[1]), sys.argv[2]
class Store:
    async def handle_DATA(self, server, session, envelope):
        name = os.path.join(folder, f"{time.time_ns()}.eml")
        with open(name, "wb") as f:
            f.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(envelope.original_content or envelope.content)
        return "250 OK"
c = Controller(Store(), hostname="127.0.0.1", port=port)
c.start()
while True:
    time.sleep(3600)
PY
  ICUSYNC_SMTP_PID=$!
  for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
  export ICUSYNC_TEST_SMTP_PORT=$port ICUSYNC_TEST_MAILDIR=$dir
}

icusync_start_redis() {
  command -v redis-server >/dev/null 2>&1 || return 0
  local port
  port=$(icusync_free_port)
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes >/dev/null 2>&1 || return 0
  export ICUSYNC_TEST_REDIS="127.0.0.1:$port"
  ICUSYNC_REDIS_PORT=$port
}

icusync_services_up() {
  icusync_install_packages
  icusync_start_postgres
  icusync_start_smtp
  icusync_start_redis
  [ -x /usr/bin/chromium ] && export ICUSYNC_TEST_CHROMIUM=/usr/bin/chromium
  return 0
}

icusync_services_down() {
  [ -n "${ICUSYNC_SMTP_PID:-}" ] && kill "$ICUSYNC_SMTP_PID" 2>/dev/null
  [ -n "${ICUSYNC_REDIS_PORT:-}" ] && redis-cli -p "$ICUSYNC_REDIS_PORT" shutdown nosave >/dev/null 2>&1
  [ -n "${ICUSYNC_PG_DB:-}" ] && su postgres -c "psql -q -p $ICUSYNC_PG_PORT -c 'DROP DATABASE IF EXISTS $ICUSYNC_PG_DB WITH (FORCE)'" >/dev/null 2>&1
  return 0
}
