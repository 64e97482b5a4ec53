package io.thyme.connectors.postgres;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.ConnectorOptions;
import io.thyme.connectors.ConnectorParameter;
import io.thyme.connectors.CursorFieldCheck;
import io.thyme.connectors.FlinkLine;
import io.thyme.connectors.NamedConnectionCheck;
import io.thyme.connectors.PositiveNumberCheck;
import io.thyme.spec.CdcMode;
import io.thyme.spec.ConnectorSpec;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.Problems;
import io.thyme.spec.SourceSpec;
import io.thyme.spec.Warnings;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code PostgresSource(database=..., table=...)}: polls a table for rows whose cursor is past the
 * last one seen, or with {@code cdc="debezium"} streams the table's changes from the write-ahead
 * log (snapshot first). {@code database} names a connection under {@code postgres:} in
 * conf/thyme.yaml.
 */
public final class PostgresSourceOptions implements ConnectorOptions {
    public static final String KIND = "PostgresSource";
    public static final String DATABASE = "database";
    public static final String TABLE = "table";
    public static final String BATCH_SIZE = "batch_size";
    public static final String BUCKETS = "buckets";
    public static final String SLOT_NAME = "slot_name";

    static final int DEFAULT_BATCH_SIZE = 10_000;
    private static final Pattern SLOT = Pattern.compile("[a-z0-9_]{1,63}");
    private static final Pattern TABLE_NAME = Pattern.compile("([^.\"]+\\.)?[^.\"]+");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "A Postgres table; database names a Postgres connection in conf/. Polled by cursor, or with cdc=\"debezium\" streamed from the write-ahead log (no cursor or every needed).";
    }

    /** A table read by its cursor. */
    @Override
    public boolean needsCursor() {
        return true;
    }

    /** Cdc debezium streams the table's write-ahead log. */
    @Override
    public boolean streamsLog() {
        return true;
    }

    @Override
    public boolean streaming() {
        return false;
    }

    /** With cdc debezium the table's write-ahead log is streamed; otherwise the table is polled. */
    @Override
    public boolean streaming(SourceSpec source) {
        return source.cdc() == CdcMode.DEBEZIUM;
    }

    /** The replication slot of a log-based source: the spec's, or thyme_ + the dataset's name. */
    public static String slotName(ConnectorSpec connector, DatasetSpec dataset) {
        return connector
                .string(SLOT_NAME)
                .orElse("thyme_" + dataset.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The publication of a log-based source: its slot's name + _pub, limited to its table. */
    public static String publicationName(ConnectorSpec connector, DatasetSpec dataset) {
        return slotName(connector, dataset) + "_pub";
    }

    @Override
    public List<ConnectorParameter> parameters() {
        return List.of(
                ConnectorParameter.required(
                        DATABASE, "the name of a database under postgres: in conf/thyme.yaml"),
                ConnectorParameter.required(
                        TABLE, "the table to poll, e.g. events or public.events"),
                ConnectorParameter.optionalInt(
                        BATCH_SIZE, "rows read per query (default " + DEFAULT_BATCH_SIZE + ")"),
                ConnectorParameter.optionalInt(
                        BUCKETS,
                        "how many disjoint splits (hash buckets of the key) to read in parallel;"
                                + " default: the source's parallelism at the first start"),
                ConnectorParameter.optional(
                        SLOT_NAME,
                        "cdc debezium: the replication slot (default: thyme_ + the dataset's"
                                + " name in lower case)"));
    }

    @Override
    public void validate(
            ConnectorSpec connector,
            SourceSpec source,
            ThymeConf conf,
            String path,
            Problems problems,
            Warnings warnings) {
        connector
                .string(DATABASE)
                .ifPresent(
                        database ->
                                NamedConnectionCheck.check(
                                        path + "." + DATABASE,
                                        database,
                                        PostgresConnections.SECTION,
                                        conf,
                                        problems));
        connector
                .string(TABLE)
                .filter(table -> !TABLE_NAME.matcher(table).matches())
                .ifPresent(
                        table ->
                                problems.add(
                                        path + "." + TABLE,
                                        "'%s' is not a table name; write table or schema.table",
                                        table));
        PositiveNumberCheck.check(connector, BATCH_SIZE, path, problems);
        PositiveNumberCheck.check(connector, BUCKETS, path, problems);
        if (source.cdc() == CdcMode.DEBEZIUM && !FlinkLine.current().runsFlink1Libraries()) {
            problems.add(
                    "source.cdc",
                    "PostgresSource reads the log (cdc: debezium) through Flink CDC, which has no"
                            + " build for Flink %s: this jar (the Flink %s line) cannot read it;"
                            + " run the dataset with the Flink 1.20 jar, or poll the table (cdc:"
                            + " append or upsert with a cursor)",
                    FlinkLine.current().line(),
                    FlinkLine.current().line());
        }
        if (source.cdc() == CdcMode.DEBEZIUM) {
            connector
                    .string(SLOT_NAME)
                    .filter(slot -> !SLOT.matcher(slot).matches())
                    .ifPresent(
                            slot ->
                                    problems.add(
                                            path + "." + SLOT_NAME,
                                            "'%s' is not a replication slot name; use 1-63 lower"
                                                    + " case letters, digits and _",
                                            slot));
            if (connector.string(BATCH_SIZE).isPresent() || connector.string(BUCKETS).isPresent()) {
                warnings.add(
                        path,
                        "batch_size and buckets apply to polling; with cdc debezium the table's"
                                + " log is streamed and they are ignored");
            }
        }
    }

    @Override
    public void validateFields(
            ConnectorSpec connector,
            SourceSpec source,
            DatasetSpec dataset,
            String path,
            Problems problems) {
        Optional<Integer> buckets = PositiveNumberCheck.value(connector, BUCKETS);
        if (buckets.filter(b -> b > 1).isPresent() && dataset.keyFields().isEmpty()) {
            problems.add(
                    path + "." + BUCKETS,
                    "splitting a table into buckets needs a key to hash; mark key fields or drop"
                            + " buckets");
        }
        if (source.cdc() == CdcMode.DEBEZIUM
                && !problems.reported(path + "." + SLOT_NAME)
                && !SLOT.matcher(slotName(connector, dataset)).matches()) {
            problems.add(
                    path + "." + SLOT_NAME,
                    "the default slot name thyme_%s is not a valid replication slot name;"
                            + " set slot_name (1-63 lower case letters, digits and _)",
                    dataset.name().toLowerCase(java.util.Locale.ROOT));
        }
        CursorFieldCheck.check(source, dataset, problems);
    }
}
