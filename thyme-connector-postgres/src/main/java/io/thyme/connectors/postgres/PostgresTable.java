package io.thyme.connectors.postgres;

import io.thyme.spec.BaseType;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.FieldSpec;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A polled table: its quoted name, the SQL types of the dataset's columns, and the checks that can
 * be made before the job starts (the table exists, every field has a column of a fitting type, the
 * cursor column is indexed). Identifiers are always quoted; values are always bound parameters.
 */
public final class PostgresTable implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Map<BaseType, Set<String>> FITTING_TYPES =
            Map.of(
                    BaseType.STR,
                    Set.of(
                            "text",
                            "character varying",
                            "character",
                            "json",
                            "jsonb",
                            "uuid",
                            "citext"),
                    BaseType.INT,
                    Set.of("smallint", "integer", "bigint", "numeric"),
                    BaseType.FLOAT,
                    Set.of("real", "double precision", "numeric", "smallint", "integer", "bigint"),
                    BaseType.BOOL,
                    Set.of("boolean"),
                    BaseType.DATETIME,
                    Set.of("timestamp with time zone", "timestamp without time zone"),
                    BaseType.DATE,
                    Set.of("date"));

    private final String schema;
    private final String table;
    private final Map<String, String> columnTypes;

    private PostgresTable(String schema, String table, Map<String, String> columnTypes) {
        this.schema = schema;
        this.table = table;
        this.columnTypes = columnTypes;
    }

    /** Splits {@code schema.table} (schema defaults to public). */
    static String[] schemaAndName(String qualified) {
        int dot = qualified.indexOf('.');
        return dot < 0
                ? new String[] {"public", qualified}
                : new String[] {qualified.substring(0, dot), qualified.substring(dot + 1)};
    }

    /** Reads the column types; the problems list gets what does not fit the dataset. */
    static PostgresTable describe(
            Connection connection,
            String qualified,
            DatasetSpec dataset,
            String cursor,
            List<String> problems,
            List<String> warnings)
            throws SQLException {
        String[] parts = schemaAndName(qualified);
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement query =
                connection.prepareStatement(
                        "select column_name, data_type from information_schema.columns"
                                + " where table_schema = ? and table_name = ?")) {
            query.setString(1, parts[0]);
            query.setString(2, parts[1]);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    types.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        if (types.isEmpty()) {
            problems.add(
                    String.format(
                            "table %s.%s does not exist (or the user cannot see it); create it or fix"
                                    + " source.connector.table",
                            parts[0], parts[1]));
            return new PostgresTable(parts[0], parts[1], types);
        }
        for (FieldSpec field : dataset.fields()) {
            String type = types.get(field.name());
            if (type == null) {
                problems.add(
                        String.format(
                                "table %s.%s has no column %s for field %s; columns: %s",
                                parts[0], parts[1], field.name(), field.name(), types.keySet()));
            } else if (!FITTING_TYPES.get(field.type().base()).contains(type)) {
                problems.add(
                        String.format(
                                "column %s is %s, which cannot hold the field's type %s; change the"
                                        + " column or the field",
                                field.name(), type, field.type()));
            }
        }
        if (types.containsKey(cursor) && !cursorIndexed(connection, parts, cursor)) {
            warnings.add(
                    String.format(
                            "no index on %s.%s(%s) leads with the cursor column: every poll scans the"
                                    + " table; create index on %s.%s (%s)",
                            parts[0], parts[1], cursor, parts[0], parts[1], cursor));
        }
        return new PostgresTable(parts[0], parts[1], types);
    }

    private static boolean cursorIndexed(Connection connection, String[] parts, String cursor)
            throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement(
                        "select 1 from pg_index i join pg_class t on t.oid = i.indrelid"
                                + " join pg_namespace n on n.oid = t.relnamespace"
                                + " join pg_attribute a on a.attrelid = t.oid and a.attnum ="
                                + " i.indkey[0] where n.nspname = ? and t.relname = ? and a.attname"
                                + " = ?")) {
            query.setString(1, parts[0]);
            query.setString(2, parts[1]);
            query.setString(3, cursor);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    public String columnType(String column) {
        return columnTypes.get(column);
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    String quotedName() {
        return quote(schema) + "." + quote(table);
    }

    String displayName() {
        return schema + "." + table;
    }

    /**
     * Polls see when other sessions' transactions began (pg_stat_activity) only for the user's own
     * sessions unless it is a superuser or a member of pg_read_all_stats.
     */
    static void checkSeesOpenTransactions(Connection connection, String user, List<String> warnings)
            throws SQLException {
        try (PreparedStatement query =
                        connection.prepareStatement(
                                "select rolsuper or pg_has_role(current_user, 'pg_read_all_stats',"
                                        + " 'member') from pg_roles where rolname = current_user");
                ResultSet rows = query.executeQuery()) {
            if (rows.next() && !rows.getBoolean(1)) {
                warnings.add(
                        String.format(
                                "user %s cannot see other users' open transactions: a row another"
                                        + " user's transaction stamps with now() or a sequence and"
                                        + " commits more than max_lateness later may be missed;"
                                        + " grant pg_read_all_stats to %s",
                                user, user));
            }
        }
    }
}
