"""The `thyme` command: export, validate, run, submit, stop, list.

Each command takes datasets as Python modules (exported on the fly) or as job specs (.yaml).
Mistakes end in one line on stderr and exit code 1 (2 for a wrong command line), never a trace.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import time

from . import _java
from ._export import export, exported
from ._flink import FlinkCluster
from ._rules import ThymeError

SPEC_SUFFIXES = (".yaml", ".yml", ".json")


class Specs:
    """The job specs behind the command line's arguments: spec files as given, and the specs of
    Python modules' datasets, exported in memory and named `module.py:spec.yaml` in messages."""

    def __init__(self, inputs):
        self.files, self.inline = [], []
        for item in inputs:
            if item.endswith(".py"):
                if not os.path.isfile(item):
                    raise ThymeError("%s: no such module" % item)
                try:
                    specs = exported(item)
                except ThymeError as e:
                    raise ThymeError("%s: %s" % (item, e)) from None
                if not specs:
                    raise ThymeError("%s declares no dataset with a @source" % item)
                self.inline += [("%s:%s" % (item, name), text) for name, text in specs]
            elif item.endswith(SPEC_SUFFIXES):
                if not os.path.isfile(item):
                    raise ThymeError("%s: no such spec file" % item)
                self.files.append(item)
            else:
                raise ThymeError("%s: give Python modules (.py) or job specs (.yaml)" % item)

    def names(self):
        return self.files + [name for name, _ in self.inline]

    def args(self, all_inline=False):
        """The job's arguments for them: file paths, and --spec-inline NAME=TEXT for the rest
        (for all of them when the job runs where these files are not, on a JobManager)."""
        inline = list(self.inline)
        files = self.files
        if all_inline:
            for path in files:
                with open(path, encoding="utf-8") as f:
                    inline.append((path, f.read()))
            files = []
        args = list(files)
        for name, text in inline:
            args += ["--spec-inline", "%s=%s" % (name, text)]
        return args


def validate_specs(jar, conf, specs, quiet=False):
    """The jar's validator over the specs: prints what it printed (when quiet, only problems and
    warnings); returns its exit code."""
    result = subprocess.run([_java.find_java(), "-jar", jar, "validate", "--conf", conf]
                            + specs.args(), capture_output=True, text=True)
    if not quiet or result.returncode != 0:
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
    else:
        sys.stdout.write("".join(line for line in result.stdout.splitlines(True)
                                 if line.lstrip().startswith("warning:")))
    return result.returncode


def cmd_export(args):
    try:
        written = export(args.module, args.out)
    except ThymeError as e:
        raise ThymeError("%s: %s" % (args.module, e)) from None
    if not written:
        raise ThymeError("%s declares no dataset with a @source; nothing written" % args.module)
    for path in written:
        print(path)
    return 0


def cmd_validate(args):
    jar = _java.find_jar(args.jar)
    return validate_specs(jar, args.conf, Specs(args.specs))


def cmd_run(args):
    jar = _java.find_jar(args.jar)
    classpath = os.pathsep.join([jar, os.path.join(_java.find_flink_lib(args.flink_lib), "*")])
    specs = Specs(args.specs)
    if validate_specs(jar, args.conf, specs, quiet=True) != 0:
        return 1
    command = [_java.find_java()] + _java.FLINK_JVM_OPENS + ["-Xmx1g"]
    log_conf = os.path.join(args.conf, "log4j2-local.xml")
    if os.path.isfile(log_conf):
        command.append("-Dlog4j.configurationFile=" + os.path.abspath(log_conf))
    command += ["-cp", classpath, _java.MAIN_CLASS, "local", "--conf", args.conf,
                "--port", str(args.port)]
    if args.parallelism:
        command += ["--parallelism", str(args.parallelism)]
    print("thyme: running %s on an embedded Flink, web UI at http://127.0.0.1:%d (Ctrl-C "
          "stops it)" % (", ".join(specs.names()), args.port), file=sys.stderr)
    process = subprocess.Popen(command + specs.args())

    def stop(signum, frame):
        process.terminate()  # the JVM shuts Flink down on SIGTERM

    # Set explicitly: a shell may start us with SIGINT ignored, which Python would keep.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, stop)
    code = process.wait()
    return 130 if code in (-signal.SIGTERM, 128 + signal.SIGTERM, 143) else code


def _cluster(args):
    return FlinkCluster(args.cluster)


def _job_id(text):
    if not re.fullmatch(r"[0-9a-f]{32}", text):
        raise ThymeError("'%s' is not a Flink job id (32 hex digits); `thyme list` shows them"
                         % text)
    return text


def _wait_running(cluster, job_id, seconds):
    """Waits until the job and all its tasks run; raises with the job's failure if it fails."""
    deadline = time.monotonic() + seconds
    state = None
    while time.monotonic() < deadline:
        job = cluster.job(job_id)
        state = job.get("state")
        if state in ("FAILED", "CANCELED", "FINISHED", "FAILING"):
            cause = cluster.root_exception(job_id)
            raise ThymeError("job %s is %s%s" % (job_id, state, ": " + cause if cause else ""))
        tasks = [v.get("status") for v in job.get("vertices", [])]
        if state == "RUNNING" and tasks and all(t == "RUNNING" for t in tasks):
            return state
        time.sleep(0.5)
    raise ThymeError("job %s is still %s after %ds; see %s/#/job/running/%s"
                     % (job_id, state, seconds, cluster.url, job_id))


def cmd_submit(args):
    jar = _java.find_jar(args.jar)
    cluster = _cluster(args)
    cluster.jobs()  # unreachable: say so before building anything
    specs = Specs(args.specs)
    if validate_specs(jar, args.conf, specs, quiet=True) != 0:
        return 1
    program = (["run", "--conf", args.cluster_conf or os.path.abspath(args.conf)]
               + specs.args(all_inline=True))
    jar_id, uploaded = cluster.upload_jar(jar)
    print("thyme: %s jar %s" % ("uploaded" if uploaded else "reusing the uploaded", jar_id),
          file=sys.stderr)
    job_id = cluster.run_jar(jar_id, _java.MAIN_CLASS, program, savepoint=args.from_savepoint,
                             allow_non_restored=args.allow_non_restored_state,
                             parallelism=args.parallelism)
    state = _wait_running(cluster, job_id, args.wait) if args.wait > 0 else "submitted"
    print("%s %s" % (job_id, state))
    return 0


def cmd_stop(args):
    cluster = _cluster(args)
    job_id = _job_id(args.job_id)
    state = cluster.job(job_id).get("state")
    if state != "RUNNING":
        raise ThymeError("job %s is %s, not RUNNING; only a running job stops with a savepoint"
                         % (job_id, state))
    request = cluster.stop_with_savepoint(job_id, args.savepoint_dir)
    deadline = time.monotonic() + args.wait
    while time.monotonic() < deadline:
        answer = cluster.savepoint_status(job_id, request)
        if answer.get("status", {}).get("id") == "COMPLETED":
            operation = answer.get("operation", {})
            if "location" in operation:
                _wait_stopped(cluster, job_id, deadline)
                print(operation["location"])
                return 0
            cause = operation.get("failure-cause", {})
            raise ThymeError("stopping job %s with a savepoint failed: %s" % (
                job_id, cause.get("stack-trace", "").splitlines()[0] if cause.get("stack-trace")
                else cause))
        time.sleep(0.5)
    raise ThymeError("the savepoint of job %s is not complete after %ds" % (job_id, args.wait))


def _wait_stopped(cluster, job_id, deadline):
    """After its savepoint, the job finishes; returns once the cluster says so."""
    while time.monotonic() < deadline:
        if cluster.job(job_id).get("state") in ("FINISHED", "CANCELED", "FAILED"):
            return
        time.sleep(0.2)
    raise ThymeError("job %s took its savepoint but has not finished" % job_id)


def cmd_list(args):
    jobs = sorted(_cluster(args).jobs(), key=lambda j: -j.get("start-time", 0))
    if not jobs:
        print("no jobs on %s" % args.cluster)
    for job in jobs:
        started = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(job.get("start-time", 0) / 1000))
        print("%s  %-9s  %s UTC  %s" % (job["jid"], job["state"], started, job["name"]))
    return 0


def parser():
    top = argparse.ArgumentParser(prog="thyme", description=__doc__.splitlines()[0])
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    default_cluster = os.environ.get("THYME_FLINK_URL") or (
        "http://127.0.0.1:%s" % os.environ.get("THYME_FLINK_PORT", "8081"))

    def add(name, help_text, func, specs=True, jar=True, cluster=False):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(func=func)
        if specs:
            sub.add_argument("specs", nargs="+", metavar="MODULE.py|SPEC.yaml",
                             help="Python modules of datasets (exported on the fly) or job specs")
            sub.add_argument("--conf", default="conf",
                             help="directory of thyme.yaml, the connections (default: conf)")
        if jar:
            sub.add_argument("--jar", help="the job jar (default: $THYME_JAR, else the "
                                           "project's thyme-job/target/thyme-sources-*.jar)")
        if cluster:
            sub.add_argument("--cluster", default=default_cluster,
                             help="Flink's REST URL (default: $THYME_FLINK_URL, else "
                                  "http://127.0.0.1:$THYME_FLINK_PORT, port 8081)")
        return sub

    export_cmd = add("export", "write the job spec of each dataset with a @source of a module",
                     cmd_export, specs=False, jar=False)
    export_cmd.add_argument("module", help="a Python file that declares datasets")
    export_cmd.add_argument("--out", default="jobs", help="directory for the specs (default: jobs)")

    add("validate", "check specs and conf with the job's own validator (exit 1 on problems)",
        cmd_validate)

    run = add("run", "run the datasets on an embedded Flink with the web UI", cmd_run)
    run.add_argument("--port", type=int, default=8081, help="web UI port (default: 8081)")
    run.add_argument("--parallelism", type=int)
    run.add_argument("--flink-lib", help="Flink's jars (default: $THYME_FLINK_LIB, "
                                         "$FLINK_HOME/lib, else the project's .thyme/flink/lib)")

    submit = add("submit", "submit the datasets as one job to a Flink cluster", cmd_submit,
                 cluster=True)
    submit.add_argument("--cluster-conf", help="the conf directory as the JobManager sees it "
                                               "(default: the absolute path of --conf)")
    submit.add_argument("--from-savepoint", metavar="PATH", help="start from this savepoint")
    submit.add_argument("--allow-non-restored-state", action="store_true")
    submit.add_argument("--parallelism", type=int)
    submit.add_argument("--wait", type=int, default=120,
                        help="seconds to wait for the job to run (0: do not wait)")

    stop = add("stop", "stop a job with a savepoint; prints the savepoint's path", cmd_stop,
               specs=False, jar=False, cluster=True)
    stop.add_argument("job_id")
    stop.add_argument("--savepoint-dir", help="default: the cluster's savepoint directory")
    stop.add_argument("--wait", type=int, default=300, help="seconds to wait for the savepoint")

    add("list", "list the cluster's jobs", cmd_list, specs=False, jar=False, cluster=True)
    return top


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ThymeError as e:
        print("thyme %s: %s" % (args.command, e), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
