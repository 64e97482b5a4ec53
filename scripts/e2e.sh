#!/usr/bin/env bash
# End to end on a real standalone Flink cluster: scripts/flink-cluster.sh starts a JobManager and a
# TaskManager JVM on 127.0.0.1:${THYME_E2E_FLINK_PORT:-18081}; FlinkClusterITCase submits the shaded
# jar with Flink's CLI, reads late drops through the REST API, stops with a savepoint, resumes,
# kills the TaskManager with -9 and checks every event arrived exactly once. The full test command
# (scripts/test.sh) runs it too; this runs only it.
set -euo pipefail
exec "$(dirname "$0")/test.sh" -Dit.test=FlinkClusterITCase -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
