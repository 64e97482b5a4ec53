#!/usr/bin/env bash
# A throwaway S3-compatible server on 127.0.0.1: S3Proxy with its filesystem store under
# .thyme/s3proxy-PORT/data, checking AWS signatures (SigV2/SigV4) against one access key:
#   access key thyme-test, secret key thyme-test-secret (test data only).
# The jars come from Maven Central on first use (scripts/s3proxy/pom.xml).
#   scripts/s3proxy.sh start|stop|status     (THYME_S3_PORT, default 9000)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PORT="${THYME_S3_PORT:-9000}"
LIB="$THYME_STATE/s3proxy/lib"
HOME_DIR="$THYME_STATE/s3proxy-$PORT"
PID_FILE="$HOME_DIR/s3proxy.pid"

start() {
  if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
    echo "S3Proxy is already running on 127.0.0.1:$PORT (pid $(cat "$PID_FILE"))"
    return 0
  fi
  if port_in_use "$PORT"; then
    echo "Port $PORT on 127.0.0.1 is taken by another process; set THYME_S3_PORT to a free port." >&2
    exit 1
  fi
  fetch_jars "S3Proxy" "$THYME_ROOT/scripts/s3proxy/pom.xml" "$LIB"
  mkdir -p "$HOME_DIR/data"
  cat >"$HOME_DIR/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=thyme-test
s3proxy.credential=thyme-test-secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$HOME_DIR/data
CONF
  nohup java -Xms64m -Xmx256m -Dlogback.configurationFile="$THYME_ROOT/scripts/s3proxy/logback.xml" \
    -cp "$LIB/*" org.gaul.s3proxy.Main --properties "$HOME_DIR/s3proxy.conf" \
    >"$HOME_DIR/s3proxy.out" 2>&1 &
  echo $! >"$PID_FILE"
  if ! wait_for_port 127.0.0.1 "$PORT" 60 "S3Proxy"; then
    tail -n 40 "$HOME_DIR/s3proxy.out" >&2
    exit 1
  fi
  echo "S3Proxy on http://127.0.0.1:$PORT (pid $(cat "$PID_FILE"), data in $HOME_DIR/data)"
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid_file "$PID_FILE" "S3Proxy on port $PORT" ;;
  status)
    if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
      echo "running on 127.0.0.1:$PORT (pid $(cat "$PID_FILE"))"
    else
      echo "not running"; exit 1
    fi ;;
  *) echo "usage: scripts/s3proxy.sh start|stop|status   (THYME_S3_PORT, default 9000)" >&2; exit 2 ;;
esac
