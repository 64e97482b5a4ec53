"""A small client of Flink's REST API (the one its web UI uses), on urllib alone."""

import hashlib
import json
import os
import socket
import urllib.error
import urllib.request
import uuid

from ._rules import ThymeError


def _one_line(errors):
    """The most telling line of Flink's error list (often a whole stack trace): our job's own
    message (InvalidSpecException, PreflightException) where there is one, else the deepest cause."""
    text = "\n".join(str(e) for e in errors)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for marker in ("InvalidSpecException: ", "PreflightException: "):
        for i, line in enumerate(lines):
            if marker in line:
                message = line.split(marker, 1)[1]
                # Our exceptions list one problem a line under a header line.
                more = [m for m in lines[i + 1:i + 30] if m.startswith("- ")]
                return " ".join([message] + more)
    causes = [line.split(": ", 1)[-1] for line in lines if line.startswith("Caused by: ")]
    if causes:
        return causes[-1]
    return lines[0] if lines else "(no message)"


class FlinkCluster:
    def __init__(self, url, timeout=60):
        self.url = url.rstrip("/")
        self.timeout = timeout

    def _request(self, method, path, body=None, headers=None, data=None, length=None):
        headers = dict(headers or {})
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if length is not None:
            headers["Content-Length"] = str(length)
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                errors = json.loads(raw).get("errors") or [raw.decode(errors="replace")]
            except ValueError:
                errors = [raw.decode(errors="replace") or e.reason]
            raise FlinkError(e.code, _one_line(errors)) from None
        except (urllib.error.URLError, socket.timeout, ConnectionError) as e:
            reason = getattr(e, "reason", e)
            raise ThymeError("cannot reach the Flink cluster at %s (%s); start one "
                             "(scripts/flink-cluster.sh start) or pass --cluster URL"
                             % (self.url, reason)) from None
        return json.loads(raw) if raw else {}

    def get(self, path):
        return self._request("GET", path)

    def post(self, path, body):
        return self._request("POST", path, body=body)

    # jars

    def upload_jar(self, jar):
        """The id of `jar` on the cluster: uploaded once, under a name carrying its SHA-256, so
        the same build is reused and a rebuilt one uploaded again."""
        sha = _sha256(jar)
        stem = os.path.basename(jar)[:-len(".jar")]
        name = "%s-sha256-%s.jar" % (stem, sha[:16])
        for uploaded in self.get("/jars").get("files", []):
            if uploaded.get("name") == name:
                return uploaded["id"], False
        boundary = uuid.uuid4().hex
        head = ('--%s\r\nContent-Disposition: form-data; name="jarfile"; filename="%s"\r\n'
                "Content-Type: application/x-java-archive\r\n\r\n" % (boundary, name)).encode()
        tail = ("\r\n--%s--\r\n" % boundary).encode()
        size = len(head) + os.path.getsize(jar) + len(tail)

        def body():
            yield head
            with open(jar, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    yield block
            yield tail

        answer = self._request("POST", "/jars/upload", data=body(), length=size,
                               headers={"Content-Type": "multipart/form-data; boundary="
                                                        + boundary})
        if answer.get("status") != "success":
            raise ThymeError("the cluster at %s did not take the jar: %s" % (self.url, answer))
        return os.path.basename(answer["filename"]), True

    def run_jar(self, jar_id, entry_class, args, savepoint=None, allow_non_restored=False,
                parallelism=None):
        body = {"entryClass": entry_class, "programArgsList": args}
        if savepoint:
            body["savepointPath"] = savepoint
            body["allowNonRestoredState"] = allow_non_restored
        if parallelism:
            body["parallelism"] = parallelism
        return self.post("/jars/%s/run" % jar_id, body)["jobid"]

    # jobs

    def jobs(self):
        return self.get("/jobs/overview").get("jobs", [])

    def job(self, job_id):
        try:
            return self.get("/jobs/" + job_id)
        except FlinkError as e:
            if e.status == 404:
                raise ThymeError("no job %s on the cluster at %s; `thyme list` shows its jobs"
                                 % (job_id, self.url)) from None
            raise

    def root_exception(self, job_id):
        answer = self.get("/jobs/%s/exceptions" % job_id)
        text = answer.get("root-exception") or ""
        for entry in answer.get("exceptionHistory", {}).get("entries", []):
            text = text or entry.get("stacktrace", "")
        return _one_line([text]) if text else None

    def stop_with_savepoint(self, job_id, directory=None):
        body = {"drain": False}
        if directory:
            body["targetDirectory"] = directory
        return self.post("/jobs/%s/stop" % job_id, body)["request-id"]

    def savepoint_status(self, job_id, request_id):
        return self.get("/jobs/%s/savepoints/%s" % (job_id, request_id))


class FlinkError(ThymeError):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
