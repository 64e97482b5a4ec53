#!/usr/bin/env bash
# A throwaway Kinesis peer on 127.0.0.1: kinesalite 3.3.3 (npm, in memory, JSON protocol), installed
# into .thyme/kinesalite on first use (needs node and npm; Debian's packages are installed if missing
# and this is root).
#   scripts/kinesalite.sh start|stop|status     (THYME_KINESIS_PORT, default 4567)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PORT="${THYME_KINESIS_PORT:-4567}"
LIB="$THYME_STATE/kinesalite/lib"
HOME_DIR="$THYME_STATE/kinesalite-$PORT"
PID_FILE="$HOME_DIR/kinesalite.pid"

install() {
  [ -f "$LIB/.complete" ] && return 0
  if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      echo "Installing Debian's nodejs and npm for kinesalite ..."
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    else
      echo "node and npm are missing and this is not root: install them (apt-get install nodejs npm)" >&2
      exit 1
    fi
  fi
  echo "Installing kinesalite 3.3.3 from npm into $LIB ..."
  rm -rf "$LIB" && mkdir -p "$LIB"
  (cd "$LIB" && npm install --no-audit --no-fund --ignore-scripts kinesalite@3.3.3 >"$LIB/npm.log" 2>&1) \
    || { cat "$LIB/npm.log" >&2; exit 1; }
  touch "$LIB/.complete"
}

start() {
  if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
    echo "kinesalite is already running on 127.0.0.1:$PORT (pid $(cat "$PID_FILE"))"
    return 0
  fi
  if port_in_use "$PORT"; then
    echo "Port $PORT on 127.0.0.1 is taken by another process; set THYME_KINESIS_PORT to a free port." >&2
    exit 1
  fi
  install
  mkdir -p "$HOME_DIR"
  NODE_PATH="$LIB/node_modules" nohup node "$THYME_ROOT/scripts/kinesalite/start.js" "$PORT" \
    >"$HOME_DIR/kinesalite.out" 2>&1 &
  echo $! >"$PID_FILE"
  if ! wait_for_port 127.0.0.1 "$PORT" 30 "kinesalite"; then
    tail -n 40 "$HOME_DIR/kinesalite.out" >&2
    exit 1
  fi
  echo "kinesalite on http://127.0.0.1:$PORT (pid $(cat "$PID_FILE"), in memory)"
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid_file "$PID_FILE" "kinesalite on port $PORT" ;;
  status)
    if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
      echo "running on 127.0.0.1:$PORT (pid $(cat "$PID_FILE"))"
    else
      echo "not running"; exit 1
    fi ;;
  *) echo "usage: scripts/kinesalite.sh start|stop|status   (THYME_KINESIS_PORT, default 4567)" >&2; exit 2 ;;
esac
