package io.thyme.connectors.snowflake;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.ConnectorOptions;
import io.thyme.connectors.ConnectorParameter;
import io.thyme.connectors.NamedConnectionCheck;
import io.thyme.connectors.PositiveNumberCheck;
import io.thyme.connectors.sql.PagedTableFields;
import io.thyme.spec.ConnectorSpec;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.Problems;
import io.thyme.spec.SourceSpec;
import io.thyme.spec.Warnings;
import java.util.List;

/**
 * {@code SnowflakeSource(connection=..., table=...)}: polls a Snowflake table for rows whose cursor
 * is past the last one seen, with bound parameters. {@code connection} names an account under
 * {@code snowflake:} in conf/thyme.yaml, which also gives the default database and schema.
 */
public final class SnowflakeSourceOptions implements ConnectorOptions {
    public static final String KIND = "SnowflakeSource";
    public static final String CONNECTION = "connection";
    public static final String DATABASE = "database";
    public static final String SCHEMA = "schema";
    public static final String TABLE = "table";
    public static final String BATCH_SIZE = "batch_size";

    static final int DEFAULT_BATCH_SIZE = 50_000;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "A Snowflake table; connection names account, user, key or password, warehouse and the default database and schema in conf/.";
    }

    /** A table read by its cursor. */
    @Override
    public boolean needsCursor() {
        return true;
    }

    /** Rows of a polled table are never debezium envelopes. */
    @Override
    public boolean readsEnvelopes() {
        return false;
    }

    @Override
    public boolean streaming() {
        return false;
    }

    @Override
    public List<ConnectorParameter> parameters() {
        return List.of(
                ConnectorParameter.required(
                        CONNECTION, "the name of an account under snowflake: in conf/thyme.yaml"),
                ConnectorParameter.required(TABLE, "the table to poll"),
                ConnectorParameter.optional(
                        DATABASE, "the table's database (default: the connection's)"),
                ConnectorParameter.optional(
                        SCHEMA, "the table's schema (default: the connection's)"),
                ConnectorParameter.optionalInt(
                        BATCH_SIZE, "rows read per query (default " + DEFAULT_BATCH_SIZE + ")"));
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
                .string(CONNECTION)
                .ifPresent(
                        connection ->
                                NamedConnectionCheck.check(
                                        path + "." + CONNECTION,
                                        connection,
                                        SnowflakeConnections.SECTION,
                                        conf,
                                        problems));
        for (String name : List.of(DATABASE, SCHEMA, TABLE)) {
            connector
                    .string(name)
                    .filter(v -> v.isBlank() || v.contains("\""))
                    .ifPresent(
                            v ->
                                    problems.add(
                                            path + "." + name,
                                            "'%s' is not a Snowflake %s name (give the name"
                                                    + " without quotes; names of letters, digits,"
                                                    + " _ and $ are matched like unquoted"
                                                    + " identifiers, others exactly)",
                                            v,
                                            name));
        }
        PositiveNumberCheck.check(connector, BATCH_SIZE, path, problems);
    }

    @Override
    public void validateFields(
            ConnectorSpec connector,
            SourceSpec source,
            DatasetSpec dataset,
            String path,
            Problems problems) {
        PagedTableFields.check(source, dataset, problems);
    }
}
