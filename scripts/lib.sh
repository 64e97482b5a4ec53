# Shared by the scripts in this folder: paths, Java flags and small waits. Source it, do not run it.
THYME_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Runtime state (downloaded server jars, data, logs, pid files) lives here, outside target/ so `mvn clean` keeps it.
THYME_STATE="${THYME_STATE:-$THYME_ROOT/.thyme}"
mkdir -p "$THYME_STATE"

# The Flink release scripts/flink-cluster.sh and scripts/flink run: 1.20.5 (the LTS line, the default
# build), or a 2.x release for the jar built with -Dflink.line=2.1 (the tests set it to their line's).
THYME_FLINK_VERSION="${THYME_FLINK_VERSION:-1.20.5}"
# Where that release's jars are fetched: .thyme/flink/lib for 1.20.5, .thyme/flink-lib-VERSION otherwise.
flink_lib_dir() {
  if [ "$THYME_FLINK_VERSION" = 1.20.5 ]; then echo "$THYME_STATE/flink/lib"; else echo "$THYME_STATE/flink-lib-$THYME_FLINK_VERSION"; fi
}

# The --add-opens list Flink needs on Java 17, read from pom.xml so the build and the scripts cannot drift.
flink_jvm_opens() {
  sed -n 's:.*<flink.jvm.opens>\(.*\)</flink.jvm.opens>.*:\1:p' "$THYME_ROOT/pom.xml"
}

# wait_for_port HOST PORT SECONDS NAME: returns when something accepts connections there, fails after SECONDS.
wait_for_port() {
  local host=$1 port=$2 seconds=$3 name=$4 i
  for ((i = 0; i < seconds * 5; i++)); do
    if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "$name did not start listening on $host:$port within ${seconds}s" >&2
  return 1
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# stop_pid_file FILE NAME: stops the process named in FILE (TERM, then KILL after 20 s) and removes FILE.
stop_pid_file() {
  local file=$1 name=$2 pid i
  [ -f "$file" ] || { echo "$name is not running (no $file)"; return 0; }
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "$name stopped (pid $pid)"
  fi
  rm -f "$file"
}

# fetch_jars NAME POM LIB [MAVEN ARGS]: copies POM's dependencies (a server's jars from Maven Central)
# into LIB once; later calls find LIB/.complete (the POM's and the arguments' checksum) and return at
# once, unless they changed. Two scripts fetching the same LIB at once (two ITCases starting clusters
# side by side) take turns: the second waits on LIB.lock, then finds LIB complete.
fetch_jars() {
  local name=$1 pom=$2 lib=$3 sum lock
  shift 3
  sum=$( (cat "$pom"; echo "$@") | sha1sum | cut -d' ' -f1)
  [ -f "$lib/.complete" ] && [ "$(cat "$lib/.complete")" = "$sum" ] && return 0
  mkdir -p "$(dirname "$lib")"
  exec {lock}>"$lib.lock"
  flock "$lock"
  if ! { [ -f "$lib/.complete" ] && [ "$(cat "$lib/.complete")" = "$sum" ]; }; then
    echo "Fetching the $name jars from Maven Central into $lib ..."
    rm -rf "$lib"
    if ! mvn_quiet -f "$pom" dependency:copy-dependencies -DoutputDirectory="$lib" "$@"; then
      exec {lock}>&-
      return 1
    fi
    echo "$sum" >"$lib/.complete"
  fi
  exec {lock}>&-
}

# mvn_quiet ARGS...: Maven in batch mode; prints its log only when it fails.
mvn_quiet() {
  local log
  log=$(mktemp)
  if ! mvn -B -q "$@" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

# build_classpath: compiles the project and writes the runtime classpath, Flink included (it is
# `provided` in the jar), to thyme-job/target/classpath.txt: the full job's, every connector's module
# as its target/classes. Prints the classpath. It runs up to test-compile, tests skipped: thyme-job's
# test dependencies include the connectors' test-jars, which the reactor resolves only from then on.
build_classpath() {
  (cd "$THYME_ROOT" && mvn_quiet -Dspotless.check.skip=true -Dcheckstyle.skip=true -Dmaven.test.skip=true \
    -pl thyme-job -am test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=compile)
  echo "$THYME_ROOT/thyme-job/target/classes:$(cat "$THYME_ROOT/thyme-job/target/classpath.txt")"
}
