"""Unit tests of the package's build backend, the examples under jobs/examples and the `thyme`
command's errors, without the jar or a cluster (cli_it.py runs those, from PythonCliITCase)."""

import glob
import hashlib
import base64
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import unittest
import zipfile

from thyme import _java
from thyme._export import export
from thyme._flink import _one_line

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
PYTHON_DIR = os.path.join(ROOT, "src", "main", "python")
sys.path.insert(0, os.path.join(PYTHON_DIR, "_build"))
import thyme_build  # noqa: E402  (the in-tree backend, as pip loads it)

CONNECTORS = ["KafkaSource", "KinesisSource", "IcebergSource", "PostgresSource", "S3JsonSource",
              "BigQuerySource", "SnowflakeSource"]


def thyme(*args, cwd=None, env=None):
    run_env = dict(os.environ, PYTHONPATH=PYTHON_DIR)
    run_env.pop("THYME_JAR", None)
    run_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "thyme"] + list(args), capture_output=True,
                          text=True, cwd=cwd or tempfile.gettempdir(), env=run_env)


class BuildBackendTest(unittest.TestCase):
    def test_reads_pyproject_as_tomllib_does(self):
        import tomllib
        with open(os.path.join(PYTHON_DIR, "pyproject.toml"), encoding="utf-8") as f:
            text = f.read()
        expected = tomllib.loads(text)["project"]
        self.assertEqual(thyme_build.read_pyproject(text), expected)
        self.assertEqual(tomllib.loads(text)["build-system"]["requires"], [])

    def test_wheel_holds_the_package_its_metadata_and_the_console_script(self):
        out = tempfile.mkdtemp()
        name = thyme_build.build_wheel(out)
        self.assertEqual(name, "thyme-0.1.0.dev0-py3-none-any.whl")
        with zipfile.ZipFile(os.path.join(out, name)) as whl:
            names = whl.namelist()
            self.assertIn("thyme/cli.py", names)
            self.assertIn("thyme/connectors.py", names)
            self.assertIn("thyme/connectors.json", names)  # the classes are made from it
            self.assertFalse([n for n in names if "__pycache__" in n or n.startswith("_build")])
            info = "thyme-0.1.0.dev0.dist-info/"
            self.assertIn("[console_scripts]\nthyme = thyme.cli:main\n",
                          whl.read(info + "entry_points.txt").decode())
            self.assertIn("Name: thyme\nVersion: 0.1.0.dev0\n", whl.read(info + "METADATA").decode())
            record = whl.read(info + "RECORD").decode().splitlines()
            self.assertEqual(len(record), len(names))
            for line in record:
                path, digest, size = line.rsplit(",", 2)
                if path == info + "RECORD":
                    continue
                data = whl.read(path)
                self.assertEqual(int(size), len(data), path)
                self.assertEqual(digest, "sha256=" + base64.urlsafe_b64encode(
                    hashlib.sha256(data).digest()).rstrip(b"=").decode(), path)

    def test_wheels_are_reproducible(self):
        first, second = tempfile.mkdtemp(), tempfile.mkdtemp()
        name = thyme_build.build_wheel(first)
        thyme_build.build_wheel(second)
        with open(os.path.join(first, name), "rb") as a, open(os.path.join(second, name), "rb") as b:
            self.assertEqual(a.read(), b.read())

    def test_sdist_rebuilds_from_itself(self):
        out = tempfile.mkdtemp()
        name = thyme_build.build_sdist(out)
        with tarfile.open(os.path.join(out, name)) as sdist:
            names = sdist.getnames()
            sdist.extractall(out, filter="data")
        base = "thyme-0.1.0.dev0/"
        for member in ("PKG-INFO", "pyproject.toml", "README.md", "_build/thyme_build.py",
                       "thyme/cli.py"):
            self.assertIn(base + member, names)
        built = subprocess.run(
            [sys.executable, "-c", "import sys, thyme_build; print(thyme_build.build_wheel(sys.argv[1]))",
             out], cwd=os.path.join(out, base, "_build"), capture_output=True, text=True)
        self.assertEqual(built.returncode, 0, built.stderr)
        self.assertEqual(built.stdout.strip(), "thyme-0.1.0.dev0-py3-none-any.whl")

    def test_editable_wheel_points_at_the_source(self):
        out = tempfile.mkdtemp()
        with zipfile.ZipFile(os.path.join(out, thyme_build.build_editable(out))) as whl:
            self.assertEqual(whl.read("_thyme_editable.pth").decode().strip(), PYTHON_DIR)


class ExamplesTest(unittest.TestCase):
    """jobs/examples: one module per connector of the guide, exported to the YAML beside it."""

    def modules(self):
        return sorted(glob.glob(os.path.join(ROOT, "jobs", "examples", "*.py")))

    def test_one_example_per_connector(self):
        kinds = []
        for module in self.modules():
            out = tempfile.mkdtemp()
            for path in export(module, out):
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                kinds.append(json.loads(text[text.index("\n") + 1:])["source"]["connector"]["kind"])
        self.assertEqual(sorted(kinds), sorted(CONNECTORS))

    def test_checked_in_yaml_is_what_the_module_exports(self):
        exported = set()
        for module in self.modules():
            out = tempfile.mkdtemp()
            for path in export(module, out):
                shipped = os.path.join(ROOT, "jobs", "examples", os.path.basename(path))
                exported.add(shipped)
                self.assertTrue(os.path.isfile(shipped),
                                "%s exports %s, which is not checked in; run thyme export %s "
                                "--out jobs/examples" % (module, shipped, module))
                with open(path, encoding="utf-8") as a, open(shipped, encoding="utf-8") as b:
                    self.assertEqual(a.read(), b.read(), "%s is not what %s exports; run thyme "
                                     "export %s --out jobs/examples" % (shipped, module, module))
        stale = set(glob.glob(os.path.join(ROOT, "jobs", "examples", "*.yaml"))) - exported
        self.assertFalse(stale, "YAML under jobs/examples that no module exports")


class JavaTest(unittest.TestCase):
    def test_jvm_flags_are_the_poms(self):
        with open(os.path.join(ROOT, "pom.xml"), encoding="utf-8") as f:
            pom = re.search(r"<flink.jvm.opens>(.*)</flink.jvm.opens>", f.read()).group(1)
        self.assertEqual(_java.FLINK_JVM_OPENS, pom.split())

    def test_finds_the_projects_jar_from_inside_the_checkout(self):
        target = tempfile.mkdtemp()
        os.makedirs(os.path.join(target, "src", "main", "python", "thyme"))
        open(os.path.join(target, "pom.xml"), "w").close()
        os.makedirs(os.path.join(target, "thyme-job", "target"))
        jar = os.path.join(target, "thyme-job", "target", "thyme-sources-9.9.jar")
        open(jar, "w").close()
        here = os.getcwd()
        os.chdir(os.path.join(target, "src", "main"))
        try:
            self.assertEqual(_java.find_jar(), jar)
        finally:
            os.chdir(here)


class CommandErrorsTest(unittest.TestCase):
    """Mistakes end in one line on stderr and exit code 1, never a traceback."""

    def assert_one_line(self, result, message):
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertNotIn("Traceback", result.stderr)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        self.assertIn(message, result.stderr)

    def test_a_missing_jar(self):
        guide = os.path.join(ROOT, "jobs", "python", "guide_transaction.py")
        self.assert_one_line(thyme("validate", guide, env={"THYME_JAR": "/nowhere/thyme.jar"}),
                             "thyme validate: THYME_JAR=/nowhere/thyme.jar: no such file")
        self.assert_one_line(thyme("submit", guide, "--jar", "/nowhere.jar"),
                             "thyme submit: --jar=/nowhere.jar: no such file")

    def test_an_unreachable_cluster(self):
        self.assert_one_line(thyme("list", "--cluster", "http://127.0.0.1:9"),
                             "thyme list: cannot reach the Flink cluster at http://127.0.0.1:9")

    def test_a_job_id_that_is_not_one(self):
        self.assert_one_line(thyme("stop", "job-1", "--cluster", "http://127.0.0.1:9"),
                             "'job-1' is not a Flink job id (32 hex digits)")

    def test_a_module_with_a_mistake(self):
        module = os.path.join(tempfile.mkdtemp(), "bad.py")
        with open(module, "w", encoding="utf-8") as f:
            f.write("@source(KafkaSource(cluster='c', topic='t'), every='1x')\n"
                    "@dataset\nclass Click:\n    ts: datetime = field(timestamp=True)\n")
        self.assert_one_line(thyme("validate", module, "--jar", __file__),
                             "bad.py: @source(every='1x'): '1x' is not a duration")

    def test_an_argument_that_is_neither_module_nor_spec(self):
        self.assert_one_line(thyme("validate", __file__ + "c", "--jar", __file__),
                             "give Python modules (.py) or job specs (.yaml)")


class FlinkErrorTest(unittest.TestCase):
    def test_our_own_message_wins_over_the_stack_trace(self):
        errors = ["org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute "
                  "application.\n\tat org.apache...\nCaused by: java.util.concurrent."
                  "CompletionException: org.apache.flink.client.program.ProgramInvocationException"
                  ": The main method caused an error: t.yaml has 1 problem:\n  - source.every: "
                  "'1x' is not a duration\n\tat x\nCaused by: io.thyme.spec.InvalidSpecException: "
                  "t.yaml has 1 problem:\n  - source.every: '1x' is not a duration\n\tat y"]
        self.assertEqual(_one_line(errors),
                         "t.yaml has 1 problem: - source.every: '1x' is not a duration")

    def test_else_the_deepest_cause(self):
        self.assertEqual(_one_line(["a: b\n\tat x\nCaused by: c.D: first\nCaused by: e.F: last"]),
                         "e.F: last")


if __name__ == "__main__":
    unittest.main()
