package io.thyme.connectors.bigquery;

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
import java.util.regex.Pattern;

/**
 * {@code BigQuerySource(connection=..., dataset=..., table=...)}: polls a BigQuery table for rows
 * whose cursor is past the last one seen, with parameterised queries. {@code connection} names a
 * project under {@code bigquery:} in conf/thyme.yaml; {@code project} reads a table of another
 * project (billed to the connection's).
 */
public final class BigQuerySourceOptions implements ConnectorOptions {
    public static final String KIND = "BigQuerySource";
    public static final String CONNECTION = "connection";
    public static final String PROJECT = "project";
    public static final String DATASET = "dataset";
    public static final String TABLE = "table";
    public static final String BATCH_SIZE = "batch_size";

    static final int DEFAULT_BATCH_SIZE = 50_000;
    private static final Pattern PROJECT_ID = Pattern.compile("[a-z][a-z0-9.:-]{1,127}");
    private static final Pattern DATASET_ID = Pattern.compile("[A-Za-z0-9_]{1,1024}");
    private static final Pattern TABLE_ID = Pattern.compile("[\\p{L}\\p{M}\\p{N}\\p{Pc}\\p{Pd} ]+");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "A BigQuery table; connection names the project and credentials file in conf/. project reads a table of another project (billed to the connection's).";
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
                        CONNECTION, "the name of a project under bigquery: in conf/thyme.yaml"),
                ConnectorParameter.required(DATASET, "the BigQuery dataset of the table"),
                ConnectorParameter.required(TABLE, "the table to poll"),
                ConnectorParameter.optional(
                        PROJECT, "the table's project, if not the connection's (e.g. shared data)"),
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
                                        BigQueryConnections.SECTION,
                                        conf,
                                        problems));
        connector
                .string(PROJECT)
                .filter(p -> !PROJECT_ID.matcher(p).matches())
                .ifPresent(
                        p ->
                                problems.add(
                                        path + "." + PROJECT,
                                        "'%s' is not a BigQuery project id (lower-case letters,"
                                                + " digits and hyphens, starting with a letter)",
                                        p));
        connector
                .string(DATASET)
                .filter(d -> !DATASET_ID.matcher(d).matches())
                .ifPresent(
                        d ->
                                problems.add(
                                        path + "." + DATASET,
                                        "'%s' is not a BigQuery dataset id (letters, digits and"
                                                + " underscores)",
                                        d));
        connector
                .string(TABLE)
                .filter(t -> !TABLE_ID.matcher(t).matches())
                .ifPresent(
                        t ->
                                problems.add(
                                        path + "." + TABLE,
                                        "'%s' is not a BigQuery table id (letters, marks, digits,"
                                                + " connectors, dashes and spaces)",
                                        t));
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
