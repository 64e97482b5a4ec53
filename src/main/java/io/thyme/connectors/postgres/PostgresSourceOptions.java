package io.thyme.connectors.postgres;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.ConnectorOptions;
import io.thyme.connectors.ConnectorParameter;
import io.thyme.polling.CursorValues;
import io.thyme.spec.CdcMode;
import io.thyme.spec.ConnectorSpec;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.FieldSpec;
import io.thyme.spec.Problems;
import io.thyme.spec.SourceSpec;
import io.thyme.spec.Warnings;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code PostgresSource(database=..., table=...)}: polls a table for rows whose cursor is past the
 * last one seen. {@code database} names a connection under {@code postgres:} in conf/thyme.yaml.
 */
public final class PostgresSourceOptions implements ConnectorOptions {
    public static final String KIND = "PostgresSource";
    public static final String DATABASE = "database";
    public static final String TABLE = "table";
    public static final String BATCH_SIZE = "batch_size";
    public static final String BUCKETS = "buckets";

    static final int DEFAULT_BATCH_SIZE = 10_000;
    private static final Pattern TABLE_NAME = Pattern.compile("([^.\"]+\\.)?[^.\"]+");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean streaming() {
        return false;
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
                                + " default: the source's parallelism at the first start"));
    }

    @Override
    public void validate(
            ConnectorSpec connector,
            SourceSpec source,
            DatasetSpec dataset,
            ThymeConf conf,
            String path,
            Problems problems,
            Warnings warnings) {
        String database = connector.requiredString(DATABASE);
        if (conf.postgresConnection(database).isEmpty()) {
            problems.add(
                    path + "." + DATABASE,
                    "no database named '%s' under postgres: in %s; declared: %s",
                    database,
                    conf.file(),
                    conf.postgres().isEmpty()
                            ? "(none)"
                            : String.join(", ", conf.postgres().keySet()));
        }
        String table = connector.requiredString(TABLE);
        if (!TABLE_NAME.matcher(table).matches()) {
            problems.add(
                    path + "." + TABLE,
                    "'%s' is not a table name; write table or schema.table",
                    table);
        }
        positive(connector, BATCH_SIZE, path, problems);
        Optional<Integer> buckets = positive(connector, BUCKETS, path, problems);
        if (buckets.filter(b -> b > 1).isPresent() && dataset.keyFields().isEmpty()) {
            problems.add(
                    path + "." + BUCKETS,
                    "splitting a table into buckets needs a key to hash; mark key fields or drop"
                            + " buckets");
        }
        if (source.cdc() == CdcMode.DEBEZIUM) {
            problems.add(
                    "source.cdc",
                    "PostgresSource polls tables, whose rows are not Debezium envelopes; use append"
                            + " or upsert (log-based CDC of Postgres is not in this build yet)");
        }
        if (source.cursor().isEmpty()) {
            problems.add(
                    "source.cursor",
                    "PostgresSource reads incrementally and needs a cursor: name the field whose"
                            + " value only grows, e.g. cursor: ts");
        }
        source.cursor()
                .flatMap(dataset::field)
                .map(FieldSpec::type)
                .filter(t -> !CursorValues.canBeCursor(t.base()) || t.optional())
                .ifPresent(
                        t ->
                                problems.add(
                                        "source.cursor",
                                        "a cursor must be a datetime, int, date or str field that"
                                                + " is never null, not %s",
                                        t));
    }

    private static Optional<Integer> positive(
            ConnectorSpec connector, String name, String path, Problems problems) {
        Optional<String> text = connector.string(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value > 0) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(path + "." + name, "'%s' is not a positive whole number", text.get());
        return Optional.empty();
    }
}
