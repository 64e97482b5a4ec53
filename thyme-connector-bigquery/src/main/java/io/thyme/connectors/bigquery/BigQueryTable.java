package io.thyme.connectors.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldList;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.StandardSQLTypeName;
import io.thyme.spec.BaseType;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.FieldSpec;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A BigQuery table a source reads: its full name and, once described, the standard SQL type of each
 * of the dataset's columns. Describing checks that every field has a column of a type it can hold.
 */
final class BigQueryTable implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String project;
    private final String dataset;
    private final String table;
    private final Map<String, StandardSQLTypeName> columnTypes = new HashMap<>();

    BigQueryTable(String project, String dataset, String table) {
        this.project = project;
        this.dataset = dataset;
        this.table = table;
    }

    String displayName() {
        return project + "." + dataset + "." + table;
    }

    /** The table in a query: one back-quoted path (ids cannot contain back quotes). */
    String quotedName() {
        return "`" + displayName() + "`";
    }

    StandardSQLTypeName columnType(String field) {
        return columnTypes.get(field.toLowerCase(Locale.ROOT));
    }

    /**
     * Reads the table's columns with a query that returns no rows, and adds a problem for each
     * field without a column or with a column of a type it cannot hold.
     */
    void describe(BigQuery client, DatasetSpec datasetSpec, List<String> problems)
            throws InterruptedException {
        FieldList columns =
                client.query(
                                QueryJobConfiguration.newBuilder(
                                                "SELECT * FROM " + quotedName() + " LIMIT 0")
                                        .setUseLegacySql(false)
                                        .build())
                        .getSchema()
                        .getFields();
        Map<String, StandardSQLTypeName> byName = new HashMap<>();
        for (Field column : columns) {
            byName.put(
                    column.getName().toLowerCase(Locale.ROOT), column.getType().getStandardType());
        }
        for (FieldSpec field : datasetSpec.fields()) {
            StandardSQLTypeName type = byName.get(field.name().toLowerCase(Locale.ROOT));
            if (type == null) {
                problems.add(
                        "field "
                                + field.name()
                                + " has no column in "
                                + displayName()
                                + "; its columns: "
                                + String.join(", ", columnNames(columns)));
            } else if (!holds(field.type().base()).contains(type)) {
                problems.add(
                        "field "
                                + field.name()
                                + " is "
                                + field.type()
                                + " but column "
                                + field.name()
                                + " is "
                                + type
                                + "; it can read "
                                + holds(field.type().base()));
            } else {
                columnTypes.put(field.name().toLowerCase(Locale.ROOT), type);
            }
        }
    }

    private static List<String> columnNames(FieldList columns) {
        return columns.stream().map(Field::getName).toList();
    }

    /** The column types a field of this type reads. */
    static Set<StandardSQLTypeName> holds(BaseType type) {
        switch (type) {
            case STR:
                return EnumSet.of(StandardSQLTypeName.STRING);
            case INT:
                return EnumSet.of(StandardSQLTypeName.INT64);
            case FLOAT:
                return EnumSet.of(
                        StandardSQLTypeName.FLOAT64,
                        StandardSQLTypeName.NUMERIC,
                        StandardSQLTypeName.BIGNUMERIC,
                        StandardSQLTypeName.INT64);
            case BOOL:
                return EnumSet.of(StandardSQLTypeName.BOOL);
            case DATETIME:
                return EnumSet.of(StandardSQLTypeName.TIMESTAMP, StandardSQLTypeName.DATETIME);
            case DATE:
                return EnumSet.of(StandardSQLTypeName.DATE);
            default:
                return EnumSet.noneOf(StandardSQLTypeName.class);
        }
    }
}
