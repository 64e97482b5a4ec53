#!/usr/bin/env bash
# The test command (README, .ci/run): the Python package's unit tests, then a real Kafka broker and
# a real PostgreSQL, an Iceberg REST catalog, S3Proxy and kinesalite on 127.0.0.1 for the Java tests, the unit tests and the ITCases (mvn verify: spotless, checkstyle,
# surefire, shade, failsafe) once per Flink line (1.20, then 2.1), then stops what it started. Extra arguments go to Maven, e.g. scripts/test.sh -Dit.test=KafkaPipelineITCase
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$THYME_ROOT"
export THYME_KAFKA_PORT="${THYME_TEST_KAFKA_PORT:-19092}"
export THYME_KAFKA_BOOTSTRAP="127.0.0.1:$THYME_KAFKA_PORT"
export THYME_PG_PORT="${THYME_TEST_PG_PORT:-15432}"
export THYME_ICEBERG_REST_PORT="${THYME_TEST_ICEBERG_REST_PORT:-18181}"
export THYME_S3_PORT="${THYME_TEST_S3_PORT:-19000}"
export THYME_KINESIS_PORT="${THYME_TEST_KINESIS_PORT:-14567}"

echo "Python unit tests (src/test/python) ..."
PYTHONPATH="$THYME_ROOT/src/main/python" python3 -m unittest discover -s src/test/python

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the Flink UI check of FlinkClusterITCase ..."
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing and this is not root: install it (apt-get install chromium)" >&2
    exit 1
  fi
fi

started_kafka=0
started_pg=0
started_rest=0
started_s3=0
started_kinesis=0
cleanup() {
  if [ "$started_kafka" = 1 ]; then scripts/kafka.sh stop; fi
  if [ "$started_rest" = 1 ]; then scripts/iceberg-rest.sh stop; fi
  if [ "$started_s3" = 1 ]; then scripts/s3proxy.sh stop; fi
  if [ "$started_kinesis" = 1 ]; then scripts/kinesalite.sh stop; fi
  if [ "$started_pg" = 1 ]; then scripts/postgres.sh stop; fi
}
trap cleanup EXIT
if ! scripts/kafka.sh status >/dev/null 2>&1; then
  scripts/kafka.sh start
  started_kafka=1
fi
if ! scripts/postgres.sh status >/dev/null 2>&1; then
  scripts/postgres.sh start
  started_pg=1
fi
if ! scripts/iceberg-rest.sh status >/dev/null 2>&1; then
  scripts/iceberg-rest.sh start
  started_rest=1
fi
if ! scripts/s3proxy.sh status >/dev/null 2>&1; then
  scripts/s3proxy.sh start
  started_s3=1
fi
if ! scripts/kinesalite.sh status >/dev/null 2>&1; then
  scripts/kinesalite.sh start
  started_kinesis=1
fi
# Both Flink lines from one source tree: 1.20 LTS (the default build, into target/), then 2.1
# (-Dflink.line=2.1, into target/flink-2.1/). THYME_FLINK_LINES="1.20" (or "2.1") runs one.
for line in ${THYME_FLINK_LINES:-1.20 2.1}; do
  echo "=== the Flink $line line ==="
  if [ "$line" = 1.20 ]; then
    mvn -B verify "$@"
  else
    mvn -B verify -Dflink.line="$line" "$@"
  fi
done
