"""The guide's connectors and @source.

    from thyme.connectors import IcebergSource, source

Each connector names its connection (catalog, cluster, database, connection) instead of holding
addresses or secrets: those live in conf/thyme.yaml.
"""

from ._rules import (CDC_MODES, ThymeError, duration_problem, duration_seconds,
                     is_secret_key)

__all__ = ["KafkaSource", "KinesisSource", "IcebergSource", "PostgresSource", "S3JsonSource",
           "BigQuerySource", "SnowflakeSource", "source"]


class Connector:
    """A connector object: its kind and its parameters, as the spec's source.connector."""

    streaming = False
    needs_cursor = False
    reads_envelopes = True
    streams_log = False
    required = ()
    optional = ()

    def __init__(self, **params):
        kind = type(self).__name__
        for name in self.required:
            if params.get(name) in (None, ""):
                raise ThymeError("%s: parameter %s is required" % (kind, name))
        known = set(self.required) | set(self.optional)
        for name, value in params.items():
            if name not in known:
                raise ThymeError("%s: unknown parameter %s; expected one of: %s"
                                 % (kind, name, ", ".join(self.required + self.optional)))
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


class KafkaSource(Connector):
    """A Kafka topic of JSON rows; cluster names a Kafka cluster in conf/thyme.yaml."""
    streaming = True
    required = ("cluster", "topic")
    optional = ("starting_position", "group_id", "properties")

    def __init__(self, cluster=None, topic=None, starting_position=None, group_id=None,
                 properties=None):
        super().__init__(cluster=cluster, topic=topic, starting_position=starting_position,
                         group_id=group_id, properties=properties)


class KinesisSource(Connector):
    """An AWS Kinesis stream; connection names region, endpoint and credentials in conf/."""
    streaming = True
    required = ("connection", "stream")
    optional = ("initial_position",)

    def __init__(self, connection=None, stream=None, initial_position=None):
        super().__init__(connection=connection, stream=stream, initial_position=initial_position)


class IcebergSource(Connector):
    """An Apache Iceberg table; catalog names a catalog in conf/."""
    needs_cursor = True
    reads_envelopes = False
    required = ("catalog", "database", "table")

    def __init__(self, catalog=None, database=None, table=None):
        super().__init__(catalog=catalog, database=database, table=table)


class PostgresSource(Connector):
    """A Postgres table; database names a Postgres connection in conf/. Polled by cursor, or
    with cdc="debezium" streamed from the write-ahead log (no cursor or every needed)."""
    needs_cursor = True
    streams_log = True
    required = ("database", "table")
    optional = ("batch_size", "buckets", "slot_name")

    def __init__(self, database=None, table=None, batch_size=None, buckets=None, slot_name=None):
        super().__init__(database=database, table=table,
                         batch_size=None if batch_size is None else str(batch_size),
                         buckets=None if buckets is None else str(buckets),
                         slot_name=slot_name)


class S3JsonSource(Connector):
    """JSON / JSONL objects on S3; connection names region, endpoint and credentials in conf/."""
    required = ("connection", "bucket")
    optional = ("prefix", "path_pattern")

    def __init__(self, connection=None, bucket=None, prefix=None, path_pattern=None):
        super().__init__(connection=connection, bucket=bucket, prefix=prefix,
                         path_pattern=path_pattern)


class BigQuerySource(Connector):
    """A BigQuery table; connection names the project and credentials file in conf/. project
    reads a table of another project (billed to the connection's)."""
    needs_cursor = True
    reads_envelopes = False
    required = ("connection", "dataset", "table")
    optional = ("project", "batch_size")

    def __init__(self, connection=None, dataset=None, table=None, project=None, batch_size=None):
        super().__init__(connection=connection, dataset=dataset, table=table, project=project,
                         batch_size=None if batch_size is None else str(batch_size))


class SnowflakeSource(Connector):
    """A Snowflake table; connection names account, user, key or password, warehouse and the
    default database and schema in conf/."""
    needs_cursor = True
    reads_envelopes = False
    required = ("connection", "table")
    optional = ("database", "schema", "batch_size")

    def __init__(self, connection=None, table=None, database=None, schema=None,
                 batch_size=None):
        super().__init__(connection=connection, table=table, database=database, schema=schema,
                         batch_size=None if batch_size is None else str(batch_size))


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


