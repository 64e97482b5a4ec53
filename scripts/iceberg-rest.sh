#!/usr/bin/env bash
# A throwaway Iceberg REST catalog on 127.0.0.1: Iceberg's own REST servlet and adapter (from its
# test jars) over a Hadoop catalog in .thyme/iceberg-rest-PORT/warehouse. The jars come from Maven
# Central on first use (scripts/iceberg-rest/pom.xml).
#   scripts/iceberg-rest.sh start|stop|status     (THYME_ICEBERG_REST_PORT, default 8181)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PORT="${THYME_ICEBERG_REST_PORT:-8181}"
LIB="$THYME_STATE/iceberg-rest/lib"
HOME_DIR="$THYME_STATE/iceberg-rest-$PORT"
PID_FILE="$HOME_DIR/rest.pid"

start() {
  if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
    echo "The Iceberg REST catalog is already running on 127.0.0.1:$PORT (pid $(cat "$PID_FILE"))"
    return 0
  fi
  if port_in_use "$PORT"; then
    echo "Port $PORT on 127.0.0.1 is taken by another process; set THYME_ICEBERG_REST_PORT to a free port." >&2
    exit 1
  fi
  fetch_jars "Iceberg REST catalog" "$THYME_ROOT/scripts/iceberg-rest/pom.xml" "$LIB"
  mkdir -p "$HOME_DIR/warehouse"
  nohup java -Xms64m -Xmx256m -cp "$LIB/*" "$THYME_ROOT/scripts/iceberg-rest/RestCatalogOnLoopback.java" \
    "$PORT" "file:$HOME_DIR/warehouse" >"$HOME_DIR/rest.out" 2>&1 &
  echo $! >"$PID_FILE"
  if ! wait_for_port 127.0.0.1 "$PORT" 60 "the Iceberg REST catalog"; then
    tail -n 40 "$HOME_DIR/rest.out" >&2
    exit 1
  fi
  echo "Iceberg REST catalog on http://127.0.0.1:$PORT (pid $(cat "$PID_FILE"), warehouse $HOME_DIR/warehouse)"
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid_file "$PID_FILE" "the Iceberg REST catalog on port $PORT" ;;
  status)
    if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
      echo "running on 127.0.0.1:$PORT (pid $(cat "$PID_FILE"))"
    else
      echo "not running"; exit 1
    fi ;;
  *) echo "usage: scripts/iceberg-rest.sh start|stop|status   (THYME_ICEBERG_REST_PORT, default 8181)" >&2; exit 2 ;;
esac
