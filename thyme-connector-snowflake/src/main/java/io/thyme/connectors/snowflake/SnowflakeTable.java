package io.thyme.connectors.snowflake;

import io.thyme.spec.DatasetSpec;
import io.thyme.spec.FieldSpec;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Snowflake table a source reads: database, schema and name, and, once described, the name and
 * type of each of the dataset's columns (a field matches its column ignoring case). Describing
 * checks that every field has a column of a type it can hold.
 */
final class SnowflakeTable implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String database;
    private final String schema;
    private final String table;
    private final Map<String, SnowflakeColumnType> columnTypes = new HashMap<>();
    private final Map<String, String> columnNames = new HashMap<>();

    SnowflakeTable(String database, String schema, String table) {
        this.database = database;
        this.schema = schema;
        this.table = table;
    }

    String displayName() {
        return database + "." + schema + "." + table;
    }

    String quotedName() {
        return SnowflakeIdentifiers.quote(database)
                + "."
                + SnowflakeIdentifiers.quote(schema)
                + "."
                + SnowflakeIdentifiers.quote(table);
    }

    /** A described field's column, quoted exactly as Snowflake named it. */
    String quotedColumn(String field) {
        String name = columnNames.get(field.toLowerCase(Locale.ROOT));
        return '"' + (name == null ? field : name).replace("\"", "\"\"") + '"';
    }

    SnowflakeColumnType columnType(String field) {
        return columnTypes.get(field.toLowerCase(Locale.ROOT));
    }

    /**
     * Reads the table's columns with a query that returns no rows, and adds a problem for each
     * field without a column or with a column of a type it cannot hold.
     */
    void describe(Connection connection, DatasetSpec dataset, List<String> problems)
            throws SQLException {
        Map<String, SnowflakeColumnType> byName = new HashMap<>();
        Map<String, String> typeNames = new HashMap<>();
        Map<String, String> exactNames = new HashMap<>();
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet none =
                        statement.executeQuery("SELECT * FROM " + quotedName() + " LIMIT 0")) {
            ResultSetMetaData meta = none.getMetaData();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                String name = meta.getColumnName(c);
                names.add(name);
                byName.put(name.toLowerCase(Locale.ROOT), SnowflakeColumnType.of(meta, c));
                typeNames.put(name.toLowerCase(Locale.ROOT), meta.getColumnTypeName(c));
                exactNames.put(name.toLowerCase(Locale.ROOT), name);
            }
        }
        for (FieldSpec field : dataset.fields()) {
            String key = field.name().toLowerCase(Locale.ROOT);
            SnowflakeColumnType type = byName.get(key);
            if (type == null) {
                problems.add(
                        "field "
                                + field.name()
                                + " has no column in "
                                + displayName()
                                + "; its columns: "
                                + String.join(", ", names));
            } else if (!SnowflakeColumnType.holds(field.type().base()).contains(type)) {
                problems.add(
                        "field "
                                + field.name()
                                + " is "
                                + field.type()
                                + " but column "
                                + field.name()
                                + " is "
                                + typeNames.get(key)
                                + "; it can read "
                                + SnowflakeColumnType.holds(field.type().base()));
            } else {
                columnTypes.put(key, type);
                columnNames.put(key, exactNames.get(key));
            }
        }
    }
}
