"""The `thyme` command as users get it: pip-installed into a fresh venv (offline), against the real
job jar, an embedded Flink and the project's standalone Flink cluster.

Run by PythonCliITCase (mvn verify), which builds the jar, creates the guide's Iceberg table and
starts the cluster, and passes them in the environment:
  THYME_JAR                   the shaded job jar
  THYME_FLINK_URL             the cluster's REST URL (scripts/flink-cluster.sh on a free port)
  THYME_IT_WAREHOUSE          a Hadoop-catalog warehouse (file: URI) holding events.transactions
  THYME_KAFKA_BOOTSTRAP       the broker the sinks write to
  THYME_FLINK_LIB             Flink's jars, for the embedded Flink of `thyme run`
Not part of `unittest discover` (the file name does not start with test).
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
import uuid

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
GUIDE = os.path.join(ROOT, "jobs", "python", "guide_transaction.py")
ENV = ("THYME_JAR", "THYME_FLINK_URL", "THYME_IT_WAREHOUSE", "THYME_KAFKA_BOOTSTRAP",
       "THYME_FLINK_LIB")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rest(url, method="GET"):
    with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=10) as r:
        raw = r.read()
        return json.loads(raw) if raw else {}


def write_conf(directory, prefix):
    """A conf whose catalog "prod" is the test's warehouse and whose topics and transactional ids
    are the run's own."""
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "thyme.yaml"), "w", encoding="utf-8") as f:
        f.write("kafka:\n  local: {bootstrap_servers: \"%s\"}\n"
                "iceberg:\n  prod: {type: hadoop, warehouse: \"%s\"}\n"
                "sink: {cluster: local, topic_prefix: \"%s.\", transactional_id_prefix: \"%s\"}\n"
                "job: {checkpoint_interval: 2s}\n"
                % (os.environ["THYME_KAFKA_BOOTSTRAP"], os.environ["THYME_IT_WAREHOUSE"],
                   prefix, prefix))
    return directory


@unittest.skipUnless(all(os.environ.get(v) for v in ENV), "needs " + ", ".join(ENV))
class InstalledCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="thyme-cli-it-")
        cls.thyme = cls.install(os.path.join(cls.tmp, "venv"), "--no-build-isolation")
        cls.run_id = "cli-it-" + uuid.uuid4().hex[:8]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @staticmethod
    def install(venv, *pip_args):
        """A fresh venv with the package pip-installed from the source directory, offline."""
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        pip = subprocess.run([os.path.join(venv, "bin", "python"), "-m", "pip", "install",
                              "--no-index", "--disable-pip-version-check", "--quiet"]
                             + list(pip_args) + [os.path.join(ROOT, "src", "main", "python")],
                             capture_output=True, text=True)
        assert pip.returncode == 0, pip.stdout + pip.stderr
        return os.path.join(venv, "bin", "thyme")

    def cli(self, *args, expect=0, timeout=300):
        """Runs the installed `thyme` outside the checkout (so nothing is found by accident)."""
        result = subprocess.run([self.thyme] + list(args), capture_output=True, text=True,
                                cwd=self.tmp, timeout=timeout)
        self.assertEqual(result.returncode, expect, "thyme %s:\n%s%s"
                         % (" ".join(args), result.stdout, result.stderr))
        self.assertNotIn("Traceback", result.stderr)
        return result

    def conf(self, name):
        return write_conf(os.path.join(self.tmp, name), "%s-%s" % (self.run_id, name))

    def test_installs_with_build_isolation_too(self):
        thyme = self.install(os.path.join(self.tmp, "isolated"))
        result = subprocess.run([thyme, "--help"], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("submit", result.stdout)

    def test_validate_passes_the_guides_example_and_every_connectors(self):
        examples = sorted(os.path.join(ROOT, "jobs", "examples", f)
                          for f in os.listdir(os.path.join(ROOT, "jobs", "examples"))
                          if f.endswith(".py"))
        result = self.cli("validate", "--conf", os.path.join(ROOT, "conf"), GUIDE, *examples)
        self.assertIn("guide_transaction.py:transaction.yaml: OK (Transaction)", result.stdout)
        for dataset in ("Click", "Order", "Payment", "Account", "PageView", "Signup", "Invoice"):
            self.assertIn(": OK (%s)" % dataset, result.stdout)

    def test_validate_prints_the_jars_problems_and_exits_one(self):
        bad = os.path.join(self.tmp, "orders.py")
        with open(bad, "w", encoding="utf-8") as f:
            f.write("@source(KafkaSource(cluster='nowhere', topic='orders'))\n"
                    "@dataset\nclass Order:\n    id: str = field(key=True)\n"
                    "    ts: datetime = field(timestamp=True)\n")
        result = self.cli("validate", "--conf", os.path.join(ROOT, "conf"), bad, expect=1)
        self.assertIn("orders.py:order.yaml has 1 problem:", result.stderr)
        self.assertIn("  - source.connector.cluster: no Kafka cluster named 'nowhere'",
                      result.stderr)
        missing = self.cli("validate", GUIDE, "--jar", os.path.join(self.tmp, "none.jar"),
                           expect=1)
        self.assertEqual(missing.stderr.count("\n"), 1, missing.stderr)
        self.assertIn("--jar=%s: no such file" % os.path.join(self.tmp, "none.jar"),
                      missing.stderr)

    def test_run_starts_the_guides_example_on_an_embedded_flink_with_the_web_ui(self):
        port = free_port()
        process = subprocess.Popen(
            [self.thyme, "run", "--conf", self.conf("run"), "--port", str(port), GUIDE],
            cwd=self.tmp, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            deadline = time.monotonic() + 120
            running = None
            while time.monotonic() < deadline and process.poll() is None and not running:
                try:
                    jobs = rest("http://127.0.0.1:%d/jobs/overview" % port)["jobs"]
                    running = [j for j in jobs if j["state"] == "RUNNING"]
                except OSError:
                    pass
                time.sleep(1)
            self.assertTrue(running, "no running job in the web UI on port %d" % port)
            self.assertEqual(running[0]["name"], "thyme: Transaction")
        finally:
            process.send_signal(signal.SIGINT)  # Ctrl-C
            try:
                output = process.communicate(timeout=60)[0]
            except subprocess.TimeoutExpired:
                process.kill()
                output = process.communicate()[0]
        self.assertNotIn("Traceback", output)

    def test_submit_stop_with_a_savepoint_resume_and_list_on_the_cluster(self):
        cluster = os.environ["THYME_FLINK_URL"]
        conf = self.conf("cluster")
        args = ["--cluster", cluster, "--conf", conf]

        first = self.cli("submit", *args, GUIDE).stdout.split()
        self.assertEqual(first[1], "RUNNING", first)
        job = first[0]
        self.assertEqual(rest("%s/jobs/%s" % (cluster, job))["state"], "RUNNING")

        self.assertIn(job + "  RUNNING", self.cli("list", "--cluster", cluster).stdout)

        savepoint = self.cli("stop", "--cluster", cluster, job).stdout.strip()
        self.assertRegex(savepoint, r"^file:/.+/savepoint-[0-9a-f]{6}-[0-9a-f]{12}$")
        self.assertTrue(os.path.isdir(savepoint[len("file:"):]), savepoint)
        self.assertEqual(rest("%s/jobs/%s" % (cluster, job))["state"], "FINISHED")

        resumed = self.cli("submit", *args, "--from-savepoint", savepoint, GUIDE)
        self.assertIn("reusing the uploaded jar", resumed.stderr)
        job2, state = resumed.stdout.split()
        self.assertEqual(state, "RUNNING")
        restored = rest("%s/jobs/%s/checkpoints" % (cluster, job2))["latest"]["restored"]
        self.assertEqual(restored["external_path"], savepoint)
        names = [f["name"] for f in rest(cluster + "/jars")["files"]]
        self.assertEqual(len([n for n in names if n.startswith("thyme-sources-")]), 1, names)

        listed = self.cli("list", "--cluster", cluster).stdout
        self.assertIn(job2 + "  RUNNING", listed)
        self.assertIn(job + "  FINISHED", listed)
        self.cli("stop", "--cluster", cluster, job2)

    def test_submit_and_stop_fail_in_one_line(self):
        cluster = os.environ["THYME_FLINK_URL"]
        bad = os.path.join(self.tmp, "late.py")
        with open(bad, "w", encoding="utf-8") as f:
            f.write("@source(IcebergSource(catalog='prod', database='events', table='gone'), "
                    "cursor='ts', every='1m')\n@dataset\nclass Late:\n"
                    "    ts: datetime = field(timestamp=True)\n")
        conf = self.conf("errors")
        # valid spec, but the table is not there: refused on the cluster, before any job exists
        before = len(rest(cluster + "/jobs/overview")["jobs"])
        result = self.cli("submit", "--cluster", cluster, "--conf", conf, bad, expect=1)
        error = result.stderr.strip().splitlines()[-1]
        self.assertRegex(error, r"^thyme submit: .*/late.py:late.yaml: IcebergSource: catalog "
                                r"'prod' \(.*\) has no table events.gone; create it", result.stderr)
        self.assertEqual(len(rest(cluster + "/jobs/overview")["jobs"]), before)
        # an invalid spec: the validator's report, nothing sent
        self.cli("submit", "--cluster", cluster, "--conf", os.path.join(self.tmp, "none"), GUIDE,
                 expect=1)
        unknown = "0123456789abcdef0123456789abcdef"
        result = self.cli("stop", "--cluster", cluster, unknown, expect=1)
        self.assertIn("no job %s on the cluster" % unknown, result.stderr)
        closed = "http://127.0.0.1:%d" % free_port()
        result = self.cli("submit", "--cluster", closed, "--conf", conf, GUIDE, expect=1)
        self.assertIn("cannot reach the Flink cluster at " + closed, result.stderr)


if __name__ == "__main__":
    unittest.main()
