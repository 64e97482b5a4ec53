#!/usr/bin/env bash
# The demo: one command on a fresh machine.
#   scripts/demo.sh            the user guide's example: IcebergSource over the Iceberg table
#                              events.transactions of catalog "prod" (a Hadoop catalog in
#                              .thyme/warehouse, see conf/thyme.yaml), jobs/transactions.yaml
#   scripts/demo.sh kafka      the same dataset read from a Kafka topic, jobs/kafka/transactions.yaml
# Starts a Kafka broker on 127.0.0.1:9092, runs a feed (some rows late, a few invalid), runs the job
# on an embedded Flink with the web UI at http://127.0.0.1:8081, and prints every 5 s what the
# dataset topics hold and the late-drop count the UI shows. Ctrl-C stops everything it started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$THYME_ROOT"
export THYME_KAFKA_PORT="${THYME_KAFKA_PORT:-9092}"
export THYME_KAFKA_BOOTSTRAP="127.0.0.1:$THYME_KAFKA_PORT"
UI_PORT="${THYME_UI_PORT:-8081}"
MODE="${1:-iceberg}"
DEMO_EVERY="${THYME_DEMO_EVERY:-5s}"

case "$MODE" in
  iceberg)
    # The guide polls every 1m; the demo polls every 5s so the counts move while you watch. The
    # spec it runs is jobs/transactions.yaml with only that line changed.
    mkdir -p "$THYME_STATE/demo"
    SPEC="$THYME_STATE/demo/transactions.yaml"
    sed "s/^  every: 1m$/  every: $DEMO_EVERY/" jobs/transactions.yaml >"$SPEC"
    DESCRIPTION="jobs/transactions.yaml (IcebergSource prod.events.transactions, cursor ts, every $DEMO_EVERY instead of 1m, max_lateness 5m)"
    FEED_DESCRIPTION="a commit of 100 transactions every 5 s to the Iceberg table; 1 in 20 is 10 minutes old (late), 1 in 50 has no amount (invalid)"
    ;;
  kafka)
    SPEC=jobs/kafka/transactions.yaml
    DESCRIPTION="$SPEC (KafkaSource topic 'transactions', max_lateness 5m)"
    FEED_DESCRIPTION="20 transactions/s to the topic 'transactions'; 1 in 20 is 10 minutes old (late), 1 in 50 is invalid"
    ;;
  *) echo "usage: scripts/demo.sh [iceberg|kafka]" >&2; exit 2 ;;
esac

started_kafka=0
pids=()
cleanup() {
  # Runs once, to the end: a second Ctrl-C or a failing step must not leave servers behind.
  trap '' INT TERM
  trap - EXIT
  set +e
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  if [ "$started_kafka" = 1 ]; then scripts/kafka.sh stop; fi
  echo "Demo stopped; nothing left running."
  exit 0
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

if [ "$MODE" = iceberg ]; then
  # The table must exist before the job's pre-flight check looks at it: the feed creates it, then
  # commits every 5 s.
  java $LOG4J -cp "$CP" io.thyme.demo.IcebergTransactionFeed conf prod events transactions 5 100 &
  pids+=($!)
  for _ in $(seq 1 60); do
    if compgen -G "${THYME_WAREHOUSE:-$THYME_STATE/warehouse}/events/transactions/metadata/v*.metadata.json" >/dev/null \
      || [ -n "${THYME_WAREHOUSE:-}" ]; then break; fi
    sleep 1
  done
else
  java $LOG4J -cp "$CP" io.thyme.demo.TransactionFeed "$THYME_KAFKA_BOOTSTRAP" transactions 20 &
  pids+=($!)
fi
# shellcheck disable=SC2086
java $OPENS -Xmx1g $LOG4J -cp "$CP" io.thyme.job.ThymeJob local --conf conf --port "$UI_PORT" "$SPEC" &
pids+=($!)
cat <<MSG

Thyme demo running:
  spec     $DESCRIPTION
  feed     $FEED_DESCRIPTION
  Flink UI http://127.0.0.1:$UI_PORT  -> Running Jobs -> 'thyme: Transaction' -> the vertex
           'Transaction: late events > 5m' -> Metrics -> numLateRecordsDropped
  The exactly-once sink commits on each checkpoint (every 10 s), so counts move in steps.
  Ctrl-C stops everything.

MSG
java $LOG4J -cp "$CP" io.thyme.demo.DemoWatch "$THYME_KAFKA_BOOTSTRAP" Transaction "http://127.0.0.1:$UI_PORT" &
pids+=($!)
wait -n "${pids[@]}"
