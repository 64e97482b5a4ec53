#!/usr/bin/env bash
# A standalone Flink session cluster (a JobManager and a TaskManager, separate JVMs) on 127.0.0.1,
# assembled from Flink's jars on Maven Central, with the web UI, checkpoint and savepoint dirs.
#   scripts/flink-cluster.sh start|stop|status|start-taskmanager|kill-taskmanager
# THYME_FLINK_PORT (default 8081) is the REST/UI port; the RPC, blob and data ports follow it.
# THYME_FLINK_VERSION (default 1.20.5) picks the release, e.g. 2.1.1 for the jar of -Dflink.line=2.1.
# Use it with scripts/flink (Flink's own CLI): scripts/flink run|stop|list|cancel ...
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PORT="${THYME_FLINK_PORT:-8081}"
LIB="$(flink_lib_dir)"
HOME_DIR="$THYME_STATE/flink-$PORT"
CONF="$HOME_DIR/conf"
LOG_DIR="$HOME_DIR/log"

write_config() {
  mkdir -p "$CONF" "$LOG_DIR" "$HOME_DIR/checkpoints" "$HOME_DIR/savepoints"
  cat >"$CONF/config.yaml" <<YAML
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $((PORT + 10))
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: 1024m
taskmanager.host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
taskmanager.rpc.port: 0
taskmanager.data.port: 0
taskmanager.memory.process.size: 1536m
taskmanager.numberOfTaskSlots: 4
blob.server.port: $((PORT + 11))
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $PORT
parallelism.default: 1
metrics.fetcher.update-interval: 2000
execution.checkpointing.dir: file://$HOME_DIR/checkpoints
execution.checkpointing.savepoint-dir: file://$HOME_DIR/savepoints
# region failover (Flink's default, written out): a failed task restarts only its pipelined region,
# so one dataset's failure leaves the job's other datasets running (FlinkClusterITCase checks it)
jobmanager.execution.failover-strategy: region
restart-strategy.type: fixed-delay
restart-strategy.fixed-delay.attempts: 1000
restart-strategy.fixed-delay.delay: 2 s
heartbeat.timeout: 15000
env.java.opts.all: $(flink_jvm_opens)
YAML
  cat >"$CONF/log4j.properties" <<'PROPS'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = MainAppender
appender.main.name = MainAppender
appender.main.type = File
appender.main.fileName = ${sys:log.file}
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
logger.kafka.name = org.apache.kafka
logger.kafka.level = WARN
PROPS
  cp "$CONF/log4j.properties" "$CONF/log4j-cli.properties"
}

# jvm_params JM|TM: the memory flags and dynamic options Flink's own scripts compute.
jvm_params() {
  local kind=$1
  java -cp "$LIB/*" org.apache.flink.runtime.util.bash.BashJavaUtils "GET_${kind}_RESOURCE_PARAMS" \
    --configDir "$CONF" 2>/dev/null | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_process() {
  local name=$1 kind=$2 main=$3 params jvm dynamic
  params=$(jvm_params "$kind")
  jvm=$(echo "$params" | sed -n 1p)
  dynamic=$(echo "$params" | sed -n 2p)
  # shellcheck disable=SC2086
  nohup java $jvm $(flink_jvm_opens) -Dlog.file="$LOG_DIR/$name.log" \
    -Dlog4j.configurationFile="file:$CONF/log4j.properties" -cp "$LIB/*" "$main" \
    --configDir "$CONF" $dynamic >"$LOG_DIR/$name.out" 2>&1 &
  echo $! >"$HOME_DIR/$name.pid"
}

start_taskmanager() {
  if alive "$HOME_DIR/taskmanager.pid"; then echo "TaskManager already running"; return 0; fi
  start_process taskmanager TM org.apache.flink.runtime.taskexecutor.TaskManagerRunner
  echo "TaskManager started (pid $(cat "$HOME_DIR/taskmanager.pid"))"
}

start() {
  if alive "$HOME_DIR/jobmanager.pid"; then
    echo "Flink is already running: http://127.0.0.1:$PORT"
    return 0
  fi
  if port_in_use "$PORT"; then
    echo "Port $PORT on 127.0.0.1 is taken; set THYME_FLINK_PORT to a free port." >&2
    exit 1
  fi
  fetch_jars "Flink $THYME_FLINK_VERSION" "$THYME_ROOT/scripts/flink-dist/pom.xml" "$LIB" -Dflink.version="$THYME_FLINK_VERSION"
  write_config
  start_process jobmanager JM org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint
  if ! wait_for_port 127.0.0.1 "$PORT" 60 "Flink's JobManager"; then
    tail -n 40 "$LOG_DIR/jobmanager.log" "$LOG_DIR/jobmanager.out" >&2 || true
    exit 1
  fi
  start_taskmanager
  echo "Flink session cluster on 127.0.0.1: web UI and REST at http://127.0.0.1:$PORT (logs in $LOG_DIR)"
}

stop() {
  stop_pid_file "$HOME_DIR/taskmanager.pid" "Flink TaskManager"
  stop_pid_file "$HOME_DIR/jobmanager.pid" "Flink JobManager"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if alive "$HOME_DIR/jobmanager.pid"; then echo "running: http://127.0.0.1:$PORT"; else echo "not running"; exit 1; fi ;;
  start-taskmanager) start_taskmanager ;;
  kill-taskmanager)
    if alive "$HOME_DIR/taskmanager.pid"; then kill -9 "$(cat "$HOME_DIR/taskmanager.pid")"; echo "TaskManager killed (-9)"; fi
    rm -f "$HOME_DIR/taskmanager.pid" ;;
  conf-dir) echo "$CONF" ;;
  *) echo "usage: scripts/flink-cluster.sh start|stop|status|start-taskmanager|kill-taskmanager|conf-dir (THYME_FLINK_PORT, default 8081)" >&2; exit 2 ;;
esac
