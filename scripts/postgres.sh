#!/usr/bin/env bash
# Starts (or stops) the machine's PostgreSQL cluster for the test run, with the
# role "app" (password "app", CREATEDB so pytest-django can make its test database).
set -euo pipefail

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
PGVER=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
if [ -z "$PGVER" ]; then
  echo "PostgreSQL is not installed: run 'make system-deps'." >&2
  exit 1
fi

case "${1:-start}" in
  start)
    # Prints "started" when this call started the server, so the caller stops only what it started.
    pg_lsclusters -h | awk '{print $2}' | grep -qx main || $sudo pg_createcluster "$PGVER" main >/dev/null
    if ! pg_isready -q -h 127.0.0.1 -p 5432; then
      $sudo pg_ctlcluster --skip-systemctl-redirect "$PGVER" main start >/dev/null 2>&1 || true
      echo started
    fi
    for _ in $(seq 1 120); do
      pg_isready -q -h 127.0.0.1 -p 5432 && break
      sleep 0.25
    done
    pg_isready -q -h 127.0.0.1 -p 5432
    # The concurrency tests open a connection per thread (200 bookings at once).
    if [ "$($sudo su postgres -c "psql -qtAc 'SHOW max_connections'")" -lt 300 ]; then
      $sudo su postgres -c "psql -qc 'ALTER SYSTEM SET max_connections = 300'" >/dev/null
      $sudo pg_ctlcluster --skip-systemctl-redirect "$PGVER" main restart >/dev/null 2>&1
      for _ in $(seq 1 120); do
        pg_isready -q -h 127.0.0.1 -p 5432 && break
        sleep 0.25
      done
    fi
    $sudo su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='app'\"" | grep -q 1 ||
      $sudo su postgres -c "psql -qc \"CREATE ROLE app LOGIN PASSWORD 'app' CREATEDB\"" >/dev/null
    $sudo su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='app'\"" | grep -q 1 ||
      $sudo su postgres -c "createdb -O app app" >/dev/null
    ;;
  stop)
    $sudo pg_ctlcluster --skip-systemctl-redirect "$PGVER" main stop 2>/dev/null || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
