#!/usr/bin/env bash
# Benchmarks (not tests): scripts/bench.sh kafka [EVENTS]
#   kafka  EVENTS JSON events (default 1,000,000, ~200 bytes each) through the whole Thyme pipeline and
#          through a plain Flink KafkaSource -> KafkaSink pass-through, in the same run, on the same broker.
# Starts its own broker on 127.0.0.1:${THYME_BENCH_KAFKA_PORT:-29092} and stops it afterwards.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$THYME_ROOT"
what="${1:-}"
shift || true
case "$what" in
  kafka) main=io.thyme.bench.KafkaBench ;;
  *) echo "usage: scripts/bench.sh kafka [EVENTS]" >&2; exit 2 ;;
esac
export THYME_KAFKA_PORT="${THYME_BENCH_KAFKA_PORT:-29092}"
export THYME_KAFKA_BOOTSTRAP="127.0.0.1:$THYME_KAFKA_PORT"
started_kafka=0
cleanup() { if [ "$started_kafka" = 1 ]; then scripts/kafka.sh stop; fi; }
trap cleanup EXIT
if ! scripts/kafka.sh status >/dev/null 2>&1; then scripts/kafka.sh start; started_kafka=1; fi
echo "Building ..."
mvn_quiet -Dspotless.check.skip=true -Dcheckstyle.skip=true test-compile \
  dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
# shellcheck disable=SC2046
java $(flink_jvm_opens) -Xmx2g -Dlog4j.configurationFile="$THYME_ROOT/conf/log4j2-local.xml" \
  -cp "$CP" "$main" "$@"
