#!/usr/bin/env bash
# The demo: one command on a fresh machine. Starts a Kafka broker on 127.0.0.1:9092, feeds the topic
# "transactions" (some rows late, a few invalid), runs jobs/kafka-transactions.yaml on an embedded
# Flink with the web UI at http://127.0.0.1:8081, and prints every 5 s what the dataset topics hold
# and the late-drop count the UI shows. Ctrl-C stops everything it started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$THYME_ROOT"
export THYME_KAFKA_PORT="${THYME_KAFKA_PORT:-9092}"
export THYME_KAFKA_BOOTSTRAP="127.0.0.1:$THYME_KAFKA_PORT"
UI_PORT="${THYME_UI_PORT:-8081}"
SPEC=jobs/kafka-transactions.yaml

started_kafka=0
pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$started_kafka" = 1 ]; then scripts/kafka.sh stop; fi
  echo "Demo stopped; nothing left running."
}
trap cleanup INT TERM EXIT

if ! scripts/kafka.sh status >/dev/null 2>&1; then
  scripts/kafka.sh start
  started_kafka=1
fi
if port_in_use "$UI_PORT"; then
  echo "Port $UI_PORT is taken; set THYME_UI_PORT to a free port." >&2
  exit 1
fi
echo "Building ..."
CP=$(build_classpath)
OPENS=$(flink_jvm_opens)
LOG4J="-Dlog4j.configurationFile=$THYME_ROOT/conf/log4j2-local.xml"

java $LOG4J -cp "$CP" io.thyme.demo.TransactionFeed "$THYME_KAFKA_BOOTSTRAP" transactions 20 &
pids+=($!)
# shellcheck disable=SC2086
java $OPENS -Xmx1g $LOG4J -cp "$CP" io.thyme.job.ThymeJob local --conf conf --port "$UI_PORT" "$SPEC" &
pids+=($!)
cat <<MSG

Thyme demo running:
  spec     $SPEC  (KafkaSource topic 'transactions' -> dataset topic 'Transaction', max_lateness 5m)
  feed     20 transactions/s; 1 in 20 is 10 minutes old (late), 1 in 50 is invalid
  Flink UI http://127.0.0.1:$UI_PORT  -> Running Jobs -> 'thyme: Transaction' -> the vertex
           'Transaction: late events > 5m' -> Metrics -> numLateRecordsDropped
  The exactly-once sink commits on each checkpoint (every 10 s), so counts move in steps.
  Ctrl-C stops everything.

MSG
java $LOG4J -cp "$CP" io.thyme.demo.DemoWatch "$THYME_KAFKA_BOOTSTRAP" Transaction "http://127.0.0.1:$UI_PORT" &
pids+=($!)
wait -n "${pids[@]}"
