"""A PEP 517 build backend in the standard library alone, for the thyme package.

pip finds it through pyproject.toml (`build-backend = "thyme_build"`, `backend-path = ["_build"]`,
`requires = []`), so building needs neither setuptools nor wheel nor a package index: `pip install
src/main/python` works offline, with or without `--no-build-isolation`. It builds a pure-Python
wheel (the `thyme/` package, its metadata and the console scripts of `[project.scripts]`), an
editable wheel (a .pth file pointing at this directory) and an sdist.
"""

import base64
import hashlib
import io
import os
import re
import tarfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "thyme"
# Fixed timestamps keep builds reproducible (SOURCE_DATE_EPOCH wins when set; zip needs >= 1980).
EPOCH = max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800)


def read_pyproject(text):
    """The [project] table and its [project.scripts] of pyproject.toml, read in the two TOML
    forms this project writes there (`key = "string"`, `key = []`): tomllib is 3.11+ only."""
    tables, current = {}, None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        header = re.fullmatch(r"\[([A-Za-z0-9_.-]+)\]\s*(#.*)?", line)
        if header:
            current = tables.setdefault(header.group(1), {})
            continue
        if current is not tables.get("project") and current is not tables.get("project.scripts"):
            continue  # [build-system] is pip's to read
        pair = re.fullmatch(r'([A-Za-z0-9_.-]+)\s*=\s*(?:"([^"\\]*)"|(\[\s*\]))\s*(#.*)?', line)
        if pair is None or current is None:
            raise ValueError("pyproject.toml: this backend cannot read the line %r" % raw)
        current[pair.group(1)] = [] if pair.group(3) else pair.group(2)
    project = dict(tables.get("project", {}))
    project["scripts"] = dict(tables.get("project.scripts", {}))
    return project


def _project():
    with open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8") as f:
        return read_pyproject(f.read())


def _dist_name(project):
    return re.sub(r"[-_.]+", "_", project["name"]).lower()


def _metadata(project):
    lines = ["Metadata-Version: 2.1", "Name: " + project["name"], "Version: " + project["version"],
             "Summary: " + project.get("description", "")]
    if project.get("requires-python"):
        lines.append("Requires-Python: " + project["requires-python"])
    body = ""
    readme = project.get("readme")
    if readme:
        lines.append("Description-Content-Type: text/markdown")
        with open(os.path.join(ROOT, readme), encoding="utf-8") as f:
            body = "\n" + f.read()
    return "\n".join(lines) + "\n" + body


def _entry_points(project):
    scripts = project["scripts"]
    if not scripts:
        return ""
    return "[console_scripts]\n" + "".join("%s = %s\n" % kv for kv in sorted(scripts.items()))


def _package_files():
    """(path in the archive, path on disk) of every file of the package, sorted."""
    found = []
    base = os.path.join(ROOT, PACKAGE)
    for directory, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            full = os.path.join(directory, name)
            found.append((os.path.relpath(full, ROOT).replace(os.sep, "/"), full))
    return found


def _record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (name, digest, len(data))


def _write_wheel(directory, project, members):
    """Writes a wheel of `members` ((name, bytes)) plus its dist-info; returns the file name."""
    dist = _dist_name(project)
    info = "%s-%s.dist-info" % (dist, project["version"])
    members = list(members) + [
        (info + "/METADATA", _metadata(project).encode()),
        (info + "/WHEEL", b"Wheel-Version: 1.0\nGenerator: thyme_build\n"
                          b"Root-Is-Purelib: true\nTag: py3-none-any\n")]
    entry_points = _entry_points(project)
    if entry_points:
        members.append((info + "/entry_points.txt", entry_points.encode()))
    record = [_record_line(name, data) for name, data in members] + [info + "/RECORD,,"]
    members.append((info + "/RECORD", ("\n".join(record) + "\n").encode()))
    file_name = "%s-%s-py3-none-any.whl" % (dist, project["version"])
    stamp = time.gmtime(EPOCH)[:6]
    with zipfile.ZipFile(os.path.join(directory, file_name), "w", zipfile.ZIP_DEFLATED) as whl:
        for name, data in members:
            entry = zipfile.ZipInfo(name, stamp)
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            whl.writestr(entry, data)
    return file_name


def _read(path):
    with open(path, "rb") as f:
        return f.read()


# PEP 517 hooks


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _write_wheel(wheel_directory, _project(),
                        [(name, _read(path)) for name, path in _package_files()])


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    """PEP 660: a wheel whose .pth file puts this directory on sys.path."""
    pth = ("_%s_editable.pth" % PACKAGE, (ROOT + "\n").encode())
    return _write_wheel(wheel_directory, _project(), [pth])


def build_sdist(sdist_directory, config_settings=None):
    project = _project()
    base = "%s-%s" % (_dist_name(project), project["version"])
    files = [("pyproject.toml", os.path.join(ROOT, "pyproject.toml")),
             ("_build/thyme_build.py", os.path.abspath(__file__))]
    if project.get("readme"):
        files.append((project["readme"], os.path.join(ROOT, project["readme"])))
    files += _package_files()
    file_name = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, file_name), "w:gz",
                      format=tarfile.PAX_FORMAT) as tar:
        def add(name, data):
            entry = tarfile.TarInfo("%s/%s" % (base, name))
            entry.size, entry.mtime, entry.mode = len(data), EPOCH, 0o644
            tar.addfile(entry, io.BytesIO(data))
        add("PKG-INFO", _metadata(project).encode())
        for name, path in files:
            add(name, _read(path))
    return file_name
