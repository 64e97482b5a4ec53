#!/usr/bin/env bash
# Benchmarks (not tests): scripts/bench.sh kafka|codec|postgres|postgres-heap|iceberg|s3|kinesis|bigquery|snowflake [N]
#   kafka  EVENTS JSON events (default 1,000,000, ~200 bytes each) through the whole Thyme pipeline and
#          through a plain Flink KafkaSource -> KafkaSink pass-through, on the same broker, each job in a
#          JVM of its own, three rounds in alternating order (prints each round, the peak RSS ratio and
#          `ratio:`, the median, last).
#   postgres  a table of N rows (default 1,000,000) to Kafka through PostgresSource and through Flink's
#          JdbcInputFormat, same sink, each job in a JVM of its own, three rounds in alternating order
#          (prints each round, the peak RSS ratio and `ratio:`); then the poller alone, steady inserts
#          (rows fetched per row inserted at every 5s / max_lateness 60s and 1m / 5m) and one poll
#          finding 1,000 new rows in 1M vs 10M rows. Each JVM is limited to a 1 GB heap.
#   postgres-heap  the first poll of a table of N rows (default 10,000,000) through the PostgresSource
#          dataset job into Kafka in one JVM limited to a 512 MB heap (MiniCluster, consumer and all; no
#          restarts allowed): prints completed yes/no, rows published (distinct ids, read_committed), wall
#          time, peak heap (sampled and after a collection), the heap after mixed/full collections (GC
#          log) and peak RSS; a heap dump in thyme-connector-postgres/target/ on an OutOfMemoryError. Exits non-zero unless every
#          row arrived exactly once. THYME_BENCH_HEAP overrides the heap (e.g. 256m).
#   iceberg  an Iceberg table of N rows (default 1,000,000, 10 Parquet files, Hadoop catalog in a temp
#          dir) to Kafka through Thyme's IcebergSource and through Iceberg's own FLIP-27 IcebergSource,
#          same JVM, same sink, three rounds in alternating order (prints each round and `ratio:`, the
#          mean of the warm rounds 2 and 3); 1 GB heap.
#   s3     N JSON lines (default 1,000,000) in 10 gzip objects in a local directory to Kafka through
#          S3JsonSource (a file: endpoint) and through Flink's FileSource (lines as bytes, same kind
#          of sink; and, files-events, lines decoded with Jackson into the same events and Thyme's
#          own sink), each job in a JVM of its own, three rounds in alternating order (prints each
#          round, the median ratio to files-events, the peak RSS ratio and `ratio:`, to the bytes
#          baseline, last); S3JsonSource through S3Proxy (own, 127.0.0.1:29000) once before them;
#          1 GB heap.
#   kinesis N JSON records (default 200,000) in a 4-shard stream on kinesalite (own, 127.0.0.1:24567) to
#          Kafka through KinesisSource; 1 GB heap.
#   codec  the JSON decoder's, the event encoder's and the append-mode transcoder's cost per event, alone (no Flink, no
#          Kafka), on the kafka benchmark's events: medians of the last 20 of 40 rounds; 1 GB heap.
#   bigquery / snowflake  a table of N rows (default 1,000,000) on the warehouse's peer (DuckDB behind the
#          service's protocol, in the benchmark's JVM) to Kafka through BigQuerySource / SnowflakeSource
#          with Google's client / Snowflake's JDBC driver; 1 GB heap. The figure includes the peer's work.
# Starts its own broker on 127.0.0.1:${THYME_BENCH_KAFKA_PORT:-29092} and stops it afterwards.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$THYME_ROOT"
what="${1:-}"
shift || true
case "$what" in
  kafka) module=thyme-connector-kafka; main=io.thyme.connectors.kafka.KafkaBench; heap=2g ;;
  codec) module=thyme-core; main=io.thyme.event.CodecBench; heap=1g ;;
  postgres) module=thyme-connector-postgres; main=io.thyme.connectors.postgres.PostgresBench; heap=1g ;;
  postgres-heap) module=thyme-connector-postgres; main=io.thyme.connectors.postgres.PostgresHeapBench; heap="${THYME_BENCH_HEAP:-512m}" ;;
  iceberg) module=thyme-connector-iceberg; main=io.thyme.connectors.iceberg.IcebergBench; heap=1g ;;
  s3) module=thyme-connector-s3; main=io.thyme.connectors.s3.S3Bench; heap=1g ;;
  kinesis) module=thyme-connector-kinesis; main=io.thyme.connectors.kinesis.KinesisBench; heap=1g ;;
  bigquery) module=thyme-connector-bigquery; main=io.thyme.connectors.bigquery.BigQueryBench; heap=1g ;;
  snowflake) module=thyme-connector-snowflake; main=io.thyme.connectors.snowflake.SnowflakeBench; heap=1g ;;
  *) echo "usage: scripts/bench.sh kafka|codec|postgres|postgres-heap|iceberg|s3|kinesis|bigquery|snowflake [N]" >&2; exit 2 ;;
esac
# each benchmark lives in its connector's module (codec: thyme-core's), beside its tests
export THYME_KAFKA_PORT="${THYME_BENCH_KAFKA_PORT:-29092}"
export THYME_KAFKA_BOOTSTRAP="127.0.0.1:$THYME_KAFKA_PORT"
started_kafka=0
trap cleanup EXIT
export THYME_PG_PORT="${THYME_BENCH_PG_PORT:-25432}"
started_pg=0
export THYME_S3_PORT="${THYME_BENCH_S3_PORT:-29000}"
started_s3=0
export THYME_KINESIS_PORT="${THYME_BENCH_KINESIS_PORT:-24567}"
started_kinesis=0
cleanup() {
  if [ "$started_kafka" = 1 ]; then scripts/kafka.sh stop; fi
  if [ "$started_pg" = 1 ]; then scripts/postgres.sh stop; fi
  if [ "$started_s3" = 1 ]; then scripts/s3proxy.sh stop; fi
  if [ "$started_kinesis" = 1 ]; then scripts/kinesalite.sh stop; fi
}
# print_rounds BASELINE UNIT TARGET LABEL RESULT...: the RESULT lines of rounds in which each job ran
# once (any order) -> each round, the median ratio to any other baseline, the median peak-RSS ratio
# and `ratio:` (thyme over BASELINE, the median) last.
print_rounds() {
  python3 - "$@" <<'PY'
import sys, statistics
baseline, unit, target, label = sys.argv[1:5]
lines = [l.split() for l in sys.argv[5:]]
jobs = list(dict.fromkeys(l[1] for l in lines))
others = [j for j in jobs if j not in ('thyme', baseline)]
ratios, rss, extra = [], [], {j: [] for j in others}
for n in range(len(lines) // len(jobs)):
    r = {l[1]: (float(l[2]), int(l[3])) for l in lines[len(jobs) * n:len(jobs) * (n + 1)]}
    ratio = r['thyme'][0] / r[baseline][0]
    ratios.append(ratio); rss.append(r['thyme'][1] / r[baseline][1])
    parts = [f"{j} {r[j][0]:,.0f} {unit}, peak RSS {r[j][1]} MB" for j in [baseline] + others + ['thyme']]
    for j in others:
        extra[j].append(r['thyme'][0] / r[j][0])
    also = "".join(f" ({j}: {extra[j][-1]:.2f}x)" for j in others)
    print(f"round {n + 1}: " + "; ".join(parts) + f"; ratio {ratio:.2f}x{also}")
for j in others:
    print(f"ratio to {j} (median): {statistics.median(extra[j]):.2f}x")
print(f"peak RSS ratio (median): {statistics.median(rss):.2f}x")
print(f"ratio: {statistics.median(ratios):.2f}x {label} (median of {len(ratios)} rounds; target >= {target}x)")
PY
}
if [ "$what" != codec ] && ! scripts/kafka.sh status >/dev/null 2>&1; then scripts/kafka.sh start; started_kafka=1; fi
if [[ "$what" = postgres* ]] && ! scripts/postgres.sh status >/dev/null 2>&1; then scripts/postgres.sh start; started_pg=1; fi
if [ "$what" = s3 ] && ! scripts/s3proxy.sh status >/dev/null 2>&1; then scripts/s3proxy.sh start; started_s3=1; fi
if [ "$what" = kinesis ] && ! scripts/kinesalite.sh status >/dev/null 2>&1; then scripts/kinesalite.sh start; started_kinesis=1; fi
echo "Building ..."
# the module's test classpath names the modules it needs by their target/classes
mvn_quiet -Dspotless.check.skip=true -Dcheckstyle.skip=true -pl "$module" -am test-compile \
  dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")"
if [ "$what" = kafka ]; then
  # One input topic; each job in a JVM of its own (peak RSS is the JVM's), three rounds in
  # alternating order; prints each round, the peak RSS ratio and `ratio:` (the medians) last.
  events="${1:-1000000}"
  # shellcheck disable=SC2046
  input=$(java $(flink_jvm_opens) -Xmx1g -Dlog4j.configurationFile="$THYME_ROOT/conf/log4j2-local.xml" \
    -cp "$CP" "$main" produce "$events" | tee /dev/stderr | sed -n 's/^INPUT //p')
  results=()
  for job in pass-through thyme thyme pass-through pass-through thyme; do
    # shellcheck disable=SC2046
    line=$(java $(flink_jvm_opens) -Xmx$heap -Dlog4j.configurationFile="$THYME_ROOT/conf/log4j2-local.xml" \
      -cp "$CP" "$main" run "$job" "$input" "$events" | tee /dev/stderr | grep '^RESULT ')
    results+=("$line")
  done
  print_rounds pass-through "events/s" 0.9 "the pass-through" "${results[@]}"
  exit 0
fi
if [ "$what" = s3 ]; then
  # The same objects for every job; each job in a JVM of its own, three rounds in alternating
  # order (in one JVM the second job of a round ran on the first one's compiled code). Two
  # baselines: FileSource passing each line's bytes (`ratio:`), and FileSource decoding each line
  # into the same events for Thyme's own sink (files-events).
  rows="${1:-1000000}"
  # shellcheck disable=SC2046
  objects=$(java $(flink_jvm_opens) -Xmx$heap -Dlog4j.configurationFile="$THYME_ROOT/conf/log4j2-local.xml" \
    -cp "$CP" "$main" write "$rows" | tee /dev/stderr | sed -n 's/^OBJECTS //p')
  results=()
  for job in files files-events thyme thyme files-events files files files-events thyme; do
    # shellcheck disable=SC2046
    line=$(java $(flink_jvm_opens) -Xmx$heap -Dlog4j.configurationFile="$THYME_ROOT/conf/log4j2-local.xml" \
      -cp "$CP" "$main" run "$job" "$objects" "$rows" | tee /dev/stderr | grep '^RESULT ')
    results+=("$line")
  done
  # shellcheck disable=SC2046
  java $(flink_jvm_opens) -Xmx$heap -Dlog4j.configurationFile="$THYME_ROOT/conf/log4j2-local.xml" \
    -cp "$CP" "$main" s3proxy "$objects" "$rows" | grep -a '^thyme S3JsonSource via'
  rm -rf "$objects"
  print_rounds files "rows/s" 1.0 "Flink's FileSource" "${results[@]}"
  exit 0
fi
if [ "$what" = postgres ]; then
  # Each job in a JVM of its own (peak RSS is the JVM's), three rounds in alternating order.
  rows="${1:-1000000}"
  results=()
  for job in jdbc thyme thyme jdbc jdbc thyme; do
    # shellcheck disable=SC2046
    line=$(java $(flink_jvm_opens) -Xmx$heap -Dlog4j.configurationFile="$THYME_ROOT/conf/log4j2-local.xml" \
      -cp "$CP" "$main" "$rows" "$job" | tee /dev/stderr | grep '^RESULT ')
    results+=("$line")
  done
  print_rounds jdbc "rows/s" 1.0 "flink-connector-jdbc" "${results[@]}"
  set -- "$rows" rest
fi
if [ "$what" = postgres-heap ]; then
  # shellcheck disable=SC2046
  java $(flink_jvm_opens) -Xmx$heap -XX:+HeapDumpOnOutOfMemoryError \
    -XX:HeapDumpPath="$THYME_ROOT/$module/target/postgres-heap.hprof" -Xlog:gc:file="$THYME_ROOT/$module/target/postgres-heap-gc.log" \
    -Dlog4j.configurationFile="$THYME_ROOT/conf/log4j2-local.xml" -cp "$CP" "$main" "$@"
  # The live set: what the heap holds after the collections that also clean the old generation.
  python3 - "$THYME_ROOT/$module/target/postgres-heap-gc.log" <<'PY'
import re, sys
after = [int(m.group(1)) for m in re.finditer(r"Pause (?:Young \(Mixed\)|Full).*?->(\d+)M", open(sys.argv[1]).read())]
if after:
    print(f"heap after mixed/full collections (the live set, from the GC log): {min(after)}-{max(after)} MB"
          f" over {len(after)} collections, the last {after[-1]} MB")
else:
    print("no mixed or full collection in the GC log")
PY
  exit 0
fi
# shellcheck disable=SC2046
java $(flink_jvm_opens) -Xmx$heap -Dlog4j.configurationFile="$THYME_ROOT/conf/log4j2-local.xml" \
  -cp "$CP" "$main" "$@"
