"""Unit tests of the thyme package: python3 -m unittest discover -s src/test/python (PYTHONPATH=src/main/python)."""

import inspect
import json
import os
import subprocess
import sys
import tempfile
import unittest
from datetime import date, datetime
from typing import Optional

from thyme import ThymeError, dataset, field, job_spec
from thyme.connectors import (BigQuerySource, IcebergSource, KafkaSource, KinesisSource,
                              PostgresSource, S3JsonSource, SnowflakeSource, source)

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def transaction(**source_args):
    args = dict(connector=KafkaSource(cluster="local", topic="t"))
    args.update(source_args)

    @source(**args)
    @dataset(index=True)
    class Transaction:
        user_id: str = field(key=True)
        amount: float
        ts: datetime = field(timestamp=True)

    return Transaction


class DatasetTest(unittest.TestCase):
    def test_fields_follow_annotations_in_order(self):
        @dataset
        class Every:
            s: str = field(key=True)
            i: int
            f: float
            b: bool
            d: date
            o: Optional[int]
            u: "str | None"
            ts: datetime = field(timestamp=True)

        fields = Every.__thyme_dataset__["fields"]
        self.assertEqual([f["name"] for f in fields], ["s", "i", "f", "b", "d", "o", "u", "ts"])
        self.assertEqual([f["type"] for f in fields],
                         ["str", "int", "float", "bool", "date", "Optional[int]", "Optional[str]",
                          "datetime"])
        self.assertFalse(Every.__thyme_dataset__["index"])

    def assert_refused(self, message, make):
        with self.assertRaises(ThymeError) as caught:
            make()
        self.assertIn(message, str(caught.exception))

    def test_refuses_unknown_type(self):
        def make():
            @dataset
            class Bad:
                x: list
                ts: datetime = field(timestamp=True)
        self.assert_refused("Bad.x: <class 'list'> is not a field type; use one of str, int", make)

    def test_refuses_missing_timestamp(self):
        def make():
            @dataset
            class NoTime:
                x: int
        self.assert_refused("NoTime: no field is the event time", make)

    def test_refuses_two_timestamps(self):
        def make():
            @dataset
            class Two:
                a: datetime = field(timestamp=True)
                b: datetime = field(timestamp=True)
        self.assert_refused("Two: 2 fields are marked timestamp: true (a, b); mark exactly one", make)

    def test_refuses_timestamp_that_is_not_datetime(self):
        def make():
            @dataset
            class StrTime:
                ts: str = field(timestamp=True)
        self.assert_refused("StrTime.ts: the timestamp field must be of type datetime, not str",
                            make)

    def test_refuses_optional_key(self):
        def make():
            @dataset
            class OptKey:
                k: Optional[str] = field(key=True)
                ts: datetime = field(timestamp=True)
        self.assert_refused("OptKey.k: a key field cannot be Optional[str]", make)

    def test_refuses_non_field_default(self):
        def make():
            @dataset
            class Default:
                n: int = 3
                ts: datetime = field(timestamp=True)
        self.assert_refused("Default.n: a dataset field takes field(...) or nothing", make)

    def test_refuses_bad_index(self):
        self.assert_refused("@dataset(index='yes'): index must be True or False",
                            lambda: dataset(index="yes"))


class SourceTest(unittest.TestCase):
    def assert_refused(self, message, **source_args):
        with self.assertRaises(ThymeError) as caught:
            transaction(**source_args)
        self.assertIn(message, str(caught.exception))

    def test_defaults_are_the_guides(self):
        spec = job_spec(transaction())["source"]
        self.assertEqual(spec["cursor"], "")
        self.assertEqual(spec["every"], "")
        self.assertEqual(spec["max_lateness"], "")
        self.assertEqual(spec["cdc"], "append")

    def test_refuses_bad_cdc(self):
        self.assert_refused("@source(cdc='merge'): 'merge' is not a cdc mode; use append, upsert "
                            "or debezium", cdc="merge")

    def test_refuses_bad_durations(self):
        self.assert_refused("@source(every='1x'): '1x' is not a duration; write an integer and a "
                            "unit (s, m, h, d), e.g. '5m'", every="1x")
        self.assert_refused("@source(max_lateness='5 minutes'): '5 minutes' is not a duration",
                            max_lateness="5 minutes")
        self.assert_refused("@source(every='0m'): must be more than 0s", every="0m")

    def test_refuses_cursor_naming_no_field(self):
        self.assert_refused("'tss' names no field of Transaction; fields: user_id, amount, ts",
                            cursor="tss")

    def test_refuses_upsert_and_debezium_without_key(self):
        for mode in ("upsert", "debezium"):
            with self.assertRaises(ThymeError) as caught:
                @source(KafkaSource(cluster="local", topic="t"), cdc=mode)
                @dataset
                class Keyless:
                    ts: datetime = field(timestamp=True)
            self.assertIn("cdc '%s' needs a key" % mode, str(caught.exception))

    def test_polling_sources_need_every(self):
        self.assert_refused("IcebergSource polls its source and needs an interval",
                            connector=IcebergSource(catalog="c", database="d", table="t"),
                            cursor="ts")

    def test_warehouses_need_a_cursor_and_read_no_envelopes(self):
        for connector in (BigQuerySource(connection="bq", dataset="events", table="tx"),
                          SnowflakeSource(connection="sf", table="TX")):
            kind = type(connector).__name__
            self.assert_refused(kind + " reads incrementally and needs a cursor",
                                connector=connector, every="1m")
            self.assert_refused(kind + " polls tables, whose rows are not Debezium envelopes",
                                connector=connector, every="1m", cursor="ts", cdc="debezium")

    def test_iceberg_needs_a_cursor_and_reads_no_envelopes(self):
        iceberg = IcebergSource(catalog="prod", database="events", table="transactions")
        self.assert_refused("IcebergSource reads incrementally and needs a cursor",
                            connector=iceberg, every="1m")
        self.assert_refused("IcebergSource polls tables, whose rows are not Debezium envelopes",
                            connector=iceberg, every="1m", cursor="ts", cdc="debezium")

    def test_postgres_polls_by_cursor_or_streams_its_log_with_debezium(self):
        pg = PostgresSource(database="pg", table="t")
        self.assert_refused("PostgresSource reads incrementally and needs a cursor",
                            connector=pg, every="1m")
        spec = job_spec(transaction(connector=PostgresSource(database="pg", table="t",
                                                             slot_name="tx_slot"),
                                    cdc="debezium"))
        self.assertEqual(spec["source"]["cdc"], "debezium")
        self.assertEqual(spec["source"]["every"], "")
        self.assertEqual(spec["source"]["connector"]["slot_name"], "tx_slot")
        spec = job_spec(transaction(connector=PostgresSource(database="pg", table="t",
                                                             batch_size=500),
                                    every="1m", cursor="ts"))
        self.assertEqual(spec["source"]["connector"]["batch_size"], "500")

    def test_source_goes_outside_dataset(self):
        with self.assertRaises(ThymeError) as caught:
            @dataset
            @source(KafkaSource(cluster="local", topic="t"))
            class Wrong:
                ts: datetime = field(timestamp=True)
        self.assertIn("@source goes outside (above) @dataset", str(caught.exception))

    def test_refuses_non_connector(self):
        self.assert_refused("connector must be a connector object", connector="kafka")


class ConnectorTest(unittest.TestCase):
    def test_every_connector_of_the_guide(self):
        cases = [
            (KafkaSource(cluster="local", topic="t", starting_position="latest", group_id="g",
                         properties={"fetch.min.bytes": "1"}),
             {"kind": "KafkaSource", "cluster": "local", "topic": "t",
              "starting_position": "latest", "group_id": "g",
              "properties": {"fetch.min.bytes": "1"}}),
            (KinesisSource(connection="aws", stream="s", initial_position="trim_horizon"),
             {"kind": "KinesisSource", "connection": "aws", "stream": "s",
              "initial_position": "trim_horizon"}),
            (IcebergSource(catalog="prod", database="events", table="transactions"),
             {"kind": "IcebergSource", "catalog": "prod", "database": "events",
              "table": "transactions"}),
            (PostgresSource(database="pg", table="public.users"),
             {"kind": "PostgresSource", "database": "pg", "table": "public.users"}),
            (S3JsonSource(connection="s3", bucket="b", prefix="events/"),
             {"kind": "S3JsonSource", "connection": "s3", "bucket": "b", "prefix": "events/"}),
            (BigQuerySource(connection="bq", dataset="d", table="t"),
             {"kind": "BigQuerySource", "connection": "bq", "dataset": "d", "table": "t"}),
            (SnowflakeSource(connection="sf", schema="PUBLIC", table="T"),
             {"kind": "SnowflakeSource", "connection": "sf", "schema": "PUBLIC", "table": "T"}),
            (BigQuerySource(connection="bq", dataset="d", table="t", batch_size=1000),
             {"kind": "BigQuerySource", "connection": "bq", "dataset": "d", "table": "t",
              "batch_size": "1000"}),
        ]
        for connector, expected in cases:
            self.assertEqual(connector.to_spec(), expected)

    def test_required_parameters(self):
        for make, message in [
            (lambda: IcebergSource(catalog="prod", database="events"),
             "IcebergSource: parameter table is required"),
            (lambda: KafkaSource(topic="t"), "KafkaSource: parameter cluster is required"),
            (lambda: PostgresSource(table="t"), "PostgresSource: parameter database is required"),
            (lambda: S3JsonSource(connection="s3"), "S3JsonSource: parameter bucket is required"),
            (lambda: KinesisSource(connection="aws"), "KinesisSource: parameter stream is required"),
            (lambda: BigQuerySource(connection="bq", dataset="d"),
             "BigQuerySource: parameter table is required"),
            (lambda: SnowflakeSource(connection="sf", schema="PUBLIC"),
             "SnowflakeSource: parameter table is required"),
            (lambda: IcebergSource(catalog=1, database="d", table="t"),
             "IcebergSource(catalog=1): expected a string"),
        ]:
            with self.assertRaises(ThymeError) as caught:
                make()
            self.assertIn(message, str(caught.exception))

    def test_specs_never_hold_secrets(self):
        with self.assertRaises(ThymeError) as caught:
            KafkaSource(cluster="c", topic="t", properties={"sasl.jaas.config": "x"})
        self.assertIn("sasl.jaas.config looks like a secret", str(caught.exception))


class ExportTest(unittest.TestCase):
    def export(self, module):
        out = tempfile.mkdtemp()
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "src", "main", "python"))
        result = subprocess.run([sys.executable, "-m", "thyme", "export", module, "--out", out],
                                capture_output=True, text=True, env=env)
        return result, out

    def test_the_guide_example_exports_as_written(self):
        result, out = self.export(os.path.join(ROOT, "jobs", "python", "guide_transaction.py"))
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(os.path.join(out, "transaction.yaml"), encoding="utf-8") as spec_file:
            text = spec_file.read()
        self.assertNotIn("password", text)
        spec = json.loads(text[text.index("\n") + 1:])
        self.assertEqual(spec, {
            "dataset": {"name": "Transaction", "index": True, "fields": {
                "user_id": {"type": "str", "key": True},
                "amount": {"type": "float"},
                "ts": {"type": "datetime", "timestamp": True}}},
            "source": {"connector": {"kind": "IcebergSource", "catalog": "prod",
                                     "database": "events", "table": "transactions"},
                       "cursor": "ts", "every": "1m", "max_lateness": "5m", "cdc": "append"}})

    def test_a_mistake_names_the_class_and_exits_one(self):
        module = os.path.join(tempfile.mkdtemp(), "bad.py")
        with open(module, "w", encoding="utf-8") as f:
            f.write("@source(KafkaSource(cluster='c', topic='t'), every='1x')\n"
                    "@dataset\nclass Click:\n    ts: datetime = field(timestamp=True)\n")
        result, _ = self.export(module)
        self.assertEqual(result.returncode, 1)
        self.assertIn("@source(every='1x'): '1x' is not a duration", result.stderr)


if __name__ == "__main__":
    unittest.main()


class ConnectorCatalogTest(unittest.TestCase):
    """The connector classes are made from connectors.json (the jar's `connectors` output)."""

    def test_each_catalog_entry_is_a_class_with_its_parameters_and_facts(self):
        import thyme.connectors as connectors
        path = os.path.join(os.path.dirname(connectors.__file__), "connectors.json")
        with open(path, encoding="utf-8") as f:
            catalog = json.load(f)["connectors"]
        self.assertEqual(sorted(e["kind"] for e in catalog), sorted(connectors.CONNECTORS))
        for entry in catalog:
            cls = getattr(connectors, entry["kind"])
            names = [p["name"] for p in entry["parameters"]]
            self.assertEqual(list(cls.parameters), names)
            self.assertEqual(list(cls.required),
                             [p["name"] for p in entry["parameters"] if p["required"]])
            self.assertEqual(list(inspect.signature(cls).parameters), names)
            self.assertTrue(cls.__doc__.startswith(entry["description"]))
            for fact in ("streaming", "needs_cursor", "reads_envelopes", "streams_log"):
                self.assertEqual(getattr(cls, fact), entry[fact], (entry["kind"], fact))

    def test_positional_and_int_parameters(self):
        self.assertEqual(KafkaSource("local", "t").to_spec(),
                         {"kind": "KafkaSource", "cluster": "local", "topic": "t"})
        self.assertEqual(PostgresSource(database="pg", table="t", batch_size=100).params["batch_size"], "100")
        with self.assertRaisesRegex(ThymeError, r"batch_size=True\): expected a whole number"):
            PostgresSource(database="pg", table="t", batch_size=True)
        with self.assertRaisesRegex(ThymeError, "cluster is given twice"):
            KafkaSource("local", cluster="other", topic="t")
        with self.assertRaisesRegex(ThymeError, "unknown parameter topics"):
            KafkaSource(cluster="local", topic="t", topics="t")

