#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on 127.0.0.1 with wal_level=logical, for tests and local runs.
#   scripts/postgres.sh start|stop|status
# THYME_PG_PORT (default 5432). Database "thyme", user "thyme", password "thyme" (local use only).
# Installs Debian's postgresql package when the binaries are missing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PORT="${THYME_PG_PORT:-5432}"
HOME_DIR="$THYME_STATE/postgres-$PORT"
DATA="$HOME_DIR/data"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"

as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
  else
    "$@"
  fi
}

ensure_binaries() {
  [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] && return 0
  echo "PostgreSQL binaries not found; installing Debian's postgresql package ..."
  [ "$(id -u)" = 0 ] || { echo "run as root, or install postgresql yourself" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
}

running() {
  [ -f "$DATA/postmaster.pid" ] && as_postgres "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

start() {
  ensure_binaries
  if running; then echo "PostgreSQL is already running on 127.0.0.1:$PORT"; return 0; fi
  if port_in_use "$PORT"; then
    echo "Port $PORT on 127.0.0.1 is taken by another process; set THYME_PG_PORT to a free port." >&2
    exit 1
  fi
  mkdir -p "$HOME_DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres "$HOME_DIR"; fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    local pwfile="$HOME_DIR/pwfile"
    echo "thyme" >"$pwfile"
    if [ "$(id -u)" = 0 ]; then chown postgres "$pwfile"; fi
    as_postgres "$PG_BIN/initdb" -D "$DATA" -U thyme --pwfile="$pwfile" --auth=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$HOME_DIR/initdb.log" 2>&1 || { cat "$HOME_DIR/initdb.log" >&2; exit 1; }
    rm -f "$pwfile"
  fi
  as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -l "$HOME_DIR/postgres.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$HOME_DIR -c wal_level=logical -c max_wal_senders=10 -c max_replication_slots=10 -c fsync=off" >/dev/null
  if ! PGPASSWORD=thyme "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U thyme -d postgres -tAc \
      "select 1 from pg_database where datname = 'thyme'" | grep -q 1; then
    PGPASSWORD=thyme "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U thyme -d postgres -qc "create database thyme"
  fi
  echo "PostgreSQL is running on 127.0.0.1:$PORT (database thyme, user thyme; logs in $HOME_DIR)"
}

stop() {
  if [ -n "$PG_BIN" ] && running; then
    as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
    echo "PostgreSQL on port $PORT stopped"
  else
    echo "PostgreSQL on port $PORT is not running"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running on 127.0.0.1:$PORT"; else echo "not running"; exit 1; fi ;;
  *) echo "usage: scripts/postgres.sh start|stop|status   (THYME_PG_PORT, default 5432)" >&2; exit 2 ;;
esac
