package io.thyme.connectors.iceberg;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.ConnectorOptions;
import io.thyme.connectors.ConnectorParameter;
import io.thyme.connectors.CursorFieldCheck;
import io.thyme.connectors.NamedConnectionCheck;
import io.thyme.spec.ConnectorSpec;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.Problems;
import io.thyme.spec.SourceSpec;
import io.thyme.spec.Warnings;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code IcebergSource(catalog=..., database=..., table=...)}: reads the data files that new
 * snapshots of an Iceberg table add. {@code catalog} names a catalog under {@code iceberg:} in
 * conf/thyme.yaml.
 */
public final class IcebergSourceOptions implements ConnectorOptions {
    public static final String KIND = "IcebergSource";
    public static final String CATALOG = "catalog";
    public static final String DATABASE = "database";
    public static final String TABLE = "table";

    private static final Pattern NAME = Pattern.compile("[^.\\s]+(\\.[^.\\s]+)*");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "An Apache Iceberg table; catalog names a catalog in conf/.";
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
                        CATALOG, "the name of a catalog under iceberg: in conf/thyme.yaml"),
                ConnectorParameter.required(
                        DATABASE, "the database (namespace) of the table, e.g. events"),
                ConnectorParameter.required(TABLE, "the table to read, e.g. transactions"));
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
                .string(CATALOG)
                .ifPresent(
                        catalog ->
                                NamedConnectionCheck.check(
                                        path + "." + CATALOG,
                                        catalog,
                                        IcebergCatalogs.SECTION,
                                        conf,
                                        problems));
        for (String name : List.of(DATABASE, TABLE)) {
            connector
                    .string(name)
                    .filter(value -> !NAME.matcher(value).matches())
                    .ifPresent(
                            value ->
                                    problems.add(
                                            path + "." + name,
                                            "'%s' is not an Iceberg %s name",
                                            value,
                                            name));
        }
    }

    @Override
    public void validateFields(
            ConnectorSpec connector,
            SourceSpec source,
            DatasetSpec dataset,
            String path,
            Problems problems) {
        CursorFieldCheck.check(source, dataset, problems);
    }
}
