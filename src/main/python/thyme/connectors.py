"""The guide's connectors and @source.

    from thyme.connectors import IcebergSource, source

Each connector names its connection (catalog, cluster, database, connection) instead of holding
addresses or secrets: those live in conf/thyme.yaml.

The connector classes are made from connectors.json, the catalog the job jar prints with
`java -jar thyme-sources-*.jar connectors` (the full jar's, regenerated when a connector module
changes; a test of the Java build fails while it is stale), so no connector is written twice.
"""

import inspect
import json
import os

from ._rules import (CDC_MODES, ThymeError, duration_problem, duration_seconds,
                     is_secret_key)



class Connector:
    """A connector object: its kind and its parameters, as the spec's source.connector."""

    streaming = False
    needs_cursor = False
    reads_envelopes = True
    streams_log = False
    parameters = ()
    required = ()
    optional = ()
    int_parameters = ()

    def __init__(self, *args, **params):
        kind = type(self).__name__
        names = self.parameters
        if len(args) > len(names):
            raise ThymeError("%s takes at most %d parameters (%s), got %d"
                             % (kind, len(names), ", ".join(names), len(args)))
        for name, value in zip(names, args):
            if name in params:
                raise ThymeError("%s: parameter %s is given twice" % (kind, name))
            params[name] = value
        for name in self.int_parameters:
            value = params.get(name)
            if isinstance(value, bool) or not isinstance(value, (int, str, type(None))):
                raise ThymeError("%s(%s=%r): expected a whole number" % (kind, name, value))
            if isinstance(value, int):
                params[name] = str(value)
        for name in self.required:
            if params.get(name) in (None, ""):
                raise ThymeError("%s: parameter %s is required" % (kind, name))
        for name, value in params.items():
            if name not in self.parameters:
                raise ThymeError("%s: unknown parameter %s; expected one of: %s"
                                 % (kind, name, ", ".join(self.parameters)))
            if value is None:
                continue
            if name == "properties":
                self._check_properties(kind, value)
            elif not isinstance(value, str):
                raise ThymeError("%s(%s=%r): expected a string" % (kind, name, value))
        self.params = {k: v for k, v in params.items() if v is not None}

    @staticmethod
    def _check_properties(kind, value):
        if not isinstance(value, dict):
            raise ThymeError("%s(properties=%r): expected a dict of strings" % (kind, value))
        for key in value:
            if is_secret_key(key):
                raise ThymeError("%s(properties=...): %s looks like a secret; specs never hold "
                                 "secrets: put it on the connection in conf/thyme.yaml as "
                                 "${env:VAR} or ${file:path}" % (kind, key))

    def to_spec(self):
        spec = {"kind": type(self).__name__}
        spec.update(self.params)
        return spec

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__,
                           ", ".join("%s=%r" % kv for kv in self.params.items()))


def _load_catalog():
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "connectors.json"),
              encoding="utf-8") as f:
        return json.load(f)["connectors"]


def _connector_class(entry):
    """A Connector subclass for one catalog entry: its kind, docstring and parameters."""
    parameters = entry["parameters"]
    names = [p["name"] for p in parameters]
    doc = entry["description"] + "\n\nParameters:\n" + "\n".join(
        "    %s (%s%s): %s" % (p["name"], p["type"], ", required" if p["required"] else "",
                              p["description"]) for p in parameters)
    cls = type(entry["kind"], (Connector,), {
        "__doc__": doc,
        "__module__": __name__,
        "streaming": entry["streaming"],
        "needs_cursor": entry["needs_cursor"],
        "reads_envelopes": entry["reads_envelopes"],
        "streams_log": entry["streams_log"],
        "parameters": tuple(names),
        "required": tuple(p["name"] for p in parameters if p["required"]),
        "optional": tuple(p["name"] for p in parameters if not p["required"]),
        "int_parameters": tuple(p["name"] for p in parameters if p["type"] == "int"),
    })
    # what help() and editors show: keyword parameters, each None unless given
    cls.__signature__ = inspect.Signature(
        [inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None)
         for name in names])
    return cls


CONNECTORS = {entry["kind"]: _connector_class(entry) for entry in _load_catalog()}
globals().update(CONNECTORS)

__all__ = sorted(CONNECTORS) + ["source"]


def source(connector, cursor="", every="", max_lateness="", cdc="append"):
    """Attaches a connector to a dataset; goes outside (above) @dataset."""
    if not isinstance(connector, Connector):
        raise ThymeError("@source: connector must be a connector object such as "
                         "IcebergSource(...), not %r" % (connector,))
    for name, value in (("every", every), ("max_lateness", max_lateness)):
        problem = duration_problem(value)
        if problem:
            raise ThymeError("@source(%s=%r): %s" % (name, value, problem))
    if every and duration_seconds(every) == 0:
        raise ThymeError("@source(every=%r): must be more than 0s" % (every,))
    if cdc not in CDC_MODES:
        raise ThymeError("@source(cdc=%r): '%s' is not a cdc mode; use append, upsert or debezium"
                         % (cdc, cdc))
    if not isinstance(cursor, str):
        raise ThymeError("@source(cursor=%r): expected a field name" % (cursor,))
    kind = type(connector).__name__
    log_based = cdc == "debezium" and connector.streams_log
    if connector.needs_cursor and not cursor and not log_based:
        raise ThymeError("@source(cursor=''): %s reads incrementally and needs a cursor: name the "
                         "field whose value only grows, e.g. cursor=\"ts\"%s"
                         % (kind, " (or stream the table's log with cdc=\"debezium\")"
                            if connector.streams_log else ""))
    if cdc == "debezium" and not connector.reads_envelopes:
        raise ThymeError("@source(cdc='debezium'): %s polls tables, whose rows are not Debezium "
                         "envelopes; use append or upsert" % kind)
    if not connector.streaming and not log_based and not every:
        raise ThymeError("@source(every=''): %s polls its source and needs an interval; "
                         "write e.g. every=\"1m\"" % type(connector).__name__)

    def wrap(cls):
        spec = getattr(cls, "__thyme_dataset__", None)
        if spec is None:
            raise ThymeError("@source on %s: the class is not a dataset; @source goes outside "
                             "(above) @dataset" % getattr(cls, "__name__", cls))
        names = [f["name"] for f in spec["fields"]]
        if cursor and cursor not in names:
            raise ThymeError("@source(cursor=%r) on %s: '%s' names no field of %s; fields: %s"
                             % (cursor, spec["name"], cursor, spec["name"], ", ".join(names)))
        if cdc != "append" and not any(f["key"] for f in spec["fields"]):
            raise ThymeError("@source(cdc=%r) on %s: cdc '%s' needs a key: mark the fields that "
                             "identify a row with field(key=True)" % (cdc, spec["name"], cdc))
        cls.__thyme_source__ = {"connector": connector.to_spec(), "cursor": cursor,
                                "every": every, "max_lateness": max_lateness, "cdc": cdc}
        return cls

    return wrap


