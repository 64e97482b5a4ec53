#!/usr/bin/env bash
# Runs job specs on an embedded Flink with the web UI at http://127.0.0.1:8081 (Ctrl-C stops it).
#   scripts/run-local.sh [--port N] [--parallelism N] [--conf DIR] jobs/<file>.yaml ...
# The Kafka cluster named in conf/thyme.yaml must be up: scripts/kafka.sh start.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$THYME_ROOT"
[ $# -gt 0 ] || { echo "usage: scripts/run-local.sh [--port N] [--parallelism N] jobs/<file>.yaml ..." >&2; exit 2; }
echo "Building ..." >&2
CP=$(build_classpath)
# shellcheck disable=SC2046
exec java $(flink_jvm_opens) -Xmx1g -Dlog4j.configurationFile="$THYME_ROOT/conf/log4j2-local.xml" \
  -cp "$CP" io.thyme.job.ThymeJob local --conf conf "$@"
