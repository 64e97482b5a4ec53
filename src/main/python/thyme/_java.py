"""Finding what the CLI runs: the job's shaded jar, java, and Flink's jars for `thyme run`."""

import glob
import os
import shutil

from ._rules import ThymeError

# Flink's --add-opens on Java 17, as pom.xml's <flink.jvm.opens> (a unit test keeps them equal).
FLINK_JVM_OPENS = (
    "--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED "
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED "
    "--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED "
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED "
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED "
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED "
    "--add-opens=java.base/java.text=ALL-UNNAMED --add-exports=java.base/sun.net.util=ALL-UNNAMED "
    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED "
    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED").split()

MAIN_CLASS = "io.thyme.job.ThymeJob"


def project_root(start=None):
    """The Thyme sources checkout that `start` (default: the working directory) is in, or None."""
    here = os.path.abspath(start or os.getcwd())
    while True:
        if (os.path.isfile(os.path.join(here, "pom.xml"))
                and os.path.isdir(os.path.join(here, "src", "main", "python", "thyme"))):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def _roots():
    roots = [project_root(), project_root(os.path.dirname(os.path.abspath(__file__)))]
    return [r for i, r in enumerate(roots) if r and r not in roots[:i]]


def find_jar(flag=None):
    """--jar, else $THYME_JAR, else thyme-job/target/thyme-sources-*.jar of the checkout we run in."""
    for origin, path in (("--jar", flag), ("THYME_JAR", os.environ.get("THYME_JAR"))):
        if path:
            if not os.path.isfile(path):
                raise ThymeError("%s=%s: no such file; give the path of the Thyme sources job jar"
                                 " (thyme-job/target/thyme-sources-*.jar after mvn package)" % (origin, path))
            return os.path.abspath(path)
    for root in _roots():
        jars = sorted(j for j in glob.glob(os.path.join(root, "thyme-job", "target", "thyme-sources-*.jar"))
                      if not j.endswith(("-tests.jar", "-sources.jar")))
        if jars:
            return jars[-1]
    raise ThymeError("no Thyme sources job jar found: pass --jar PATH or set THYME_JAR (in the "
                     "project, `mvn -B package -DskipTests` builds thyme-job/target/thyme-sources-*.jar)")


def find_java():
    home = os.environ.get("JAVA_HOME")
    if home and os.path.isfile(os.path.join(home, "bin", "java")):
        return os.path.join(home, "bin", "java")
    java = shutil.which("java")
    if java is None:
        raise ThymeError("java not found: install Java 17 or set JAVA_HOME")
    return java


def _has_flink(directory):
    return bool(glob.glob(os.path.join(directory, "flink-dist*.jar"))
                or glob.glob(os.path.join(directory, "flink-runtime-*.jar")))


def find_flink_lib(flag=None):
    """Flink's jars for the embedded cluster of `thyme run` (Flink is not inside the job jar):
    --flink-lib, $THYME_FLINK_LIB, $FLINK_HOME/lib, else those scripts/flink-cluster.sh fetched
    into the checkout's state directory ($THYME_STATE, default .thyme)."""
    candidates = [("--flink-lib", flag), ("THYME_FLINK_LIB", os.environ.get("THYME_FLINK_LIB"))]
    if os.environ.get("FLINK_HOME"):
        candidates.append(("FLINK_HOME", os.path.join(os.environ["FLINK_HOME"], "lib")))
    for origin, directory in candidates:
        if directory:
            if not _has_flink(directory):
                raise ThymeError("%s: %s holds no Flink jars (flink-dist or flink-runtime)"
                                 % (origin, directory))
            return os.path.abspath(directory)
    for root in _roots():
        state = os.environ.get("THYME_STATE") or os.path.join(root, ".thyme")
        directory = os.path.join(state, "flink", "lib")
        if _has_flink(directory):
            return directory
    raise ThymeError("no Flink jars for the embedded Flink: pass --flink-lib DIR (a Flink 1.20 "
                     "distribution's lib/), set FLINK_HOME, or run scripts/flink-cluster.sh start "
                     "once in the project (it fetches them into .thyme/flink/lib)")
