#!/usr/bin/env bash
# A real single-node Kafka broker (KRaft, broker and controller in one process) on 127.0.0.1,
# from the Apache Kafka jars on Maven Central.
#   scripts/kafka.sh start|stop|status
# THYME_KAFKA_PORT (default 9092) is the client port; the controller listens on the next port.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PORT="${THYME_KAFKA_PORT:-9092}"
CONTROLLER_PORT=$((PORT + 1))
LIB="$THYME_STATE/kafka/lib"
HOME_DIR="$THYME_STATE/kafka-$PORT"
PID_FILE="$HOME_DIR/kafka.pid"

write_config() {
  mkdir -p "$HOME_DIR/data"
  cat >"$HOME_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$HOME_DIR/data
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
transaction.max.timeout.ms=3600000
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
# Records carry event times (often days old in tests): time-based retention would delete them at once.
log.retention.ms=-1
PROPS
}

start() {
  if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
    echo "Kafka is already running on 127.0.0.1:$PORT (pid $(cat "$PID_FILE"))"
    return 0
  fi
  if port_in_use "$PORT"; then
    echo "Port $PORT on 127.0.0.1 is taken by another process; set THYME_KAFKA_PORT to a free port." >&2
    exit 1
  fi
  fetch_jars "Kafka broker" "$THYME_ROOT/scripts/kafka/pom.xml" "$LIB"
  write_config
  local cp="$LIB/*" log4j="-Dlog4j2.configurationFile=$THYME_ROOT/scripts/kafka/log4j2.xml -Dkafka.logs.dir=$HOME_DIR"
  if [ ! -f "$HOME_DIR/data/meta.properties" ]; then
    local cluster_id
    cluster_id=$(java -cp "$cp" $log4j kafka.tools.StorageTool random-uuid)
    java -cp "$cp" $log4j kafka.tools.StorageTool format -t "$cluster_id" \
      -c "$HOME_DIR/server.properties" --ignore-formatted >"$HOME_DIR/format.log" 2>&1
  fi
  nohup java -Xms256m -Xmx512m -cp "$cp" $log4j kafka.Kafka "$HOME_DIR/server.properties" \
    >"$HOME_DIR/kafka.out" 2>&1 &
  echo $! >"$PID_FILE"
  if ! wait_for_port 127.0.0.1 "$PORT" 60 "Kafka"; then
    tail -n 40 "$HOME_DIR/kafka.out" >&2
    exit 1
  fi
  echo "Kafka is running on 127.0.0.1:$PORT (pid $(cat "$PID_FILE"), logs in $HOME_DIR)"
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid_file "$PID_FILE" "Kafka on port $PORT" ;;
  status)
    if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
      echo "running on 127.0.0.1:$PORT (pid $(cat "$PID_FILE"))"
    else
      echo "not running"; exit 1
    fi ;;
  *) echo "usage: scripts/kafka.sh start|stop|status   (THYME_KAFKA_PORT, default 9092)" >&2; exit 2 ;;
esac
