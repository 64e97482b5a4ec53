package io.thyme.testing.peers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * DuckDB results in the Snowflake driver's JSON result format: {@code rowtype} (Snowflake's type
 * names, unquoted names in upper case) and {@code rowset} (every cell a string: numbers as written,
 * dates as epoch days, timestamps as epoch seconds with nine fraction digits).
 */
final class SnowflakeResults {
    private static final Pattern LOWER_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");

    private SnowflakeResults() {}

    static String[] writeRowType(ResultSetMetaData meta, ObjectNode data) throws SQLException {
        ArrayNode rowtype = data.putArray("rowtype");
        String[] types = new String[meta.getColumnCount()];
        for (int c = 0; c < types.length; c++) {
            String duck = meta.getColumnTypeName(c + 1).toUpperCase(Locale.ROOT);
            ObjectNode column = rowtype.addObject();
            String label = meta.getColumnLabel(c + 1);
            column.put(
                    "name",
                    LOWER_IDENTIFIER.matcher(label).matches()
                            ? label.toUpperCase(Locale.ROOT)
                            : label);
            column.put("nullable", true);
            if (duck.startsWith("DECIMAL")) {
                types[c] = "fixed";
                column.put("precision", meta.getPrecision(c + 1));
                column.put("scale", meta.getScale(c + 1));
            } else {
                switch (duck) {
                    case "BIGINT":
                    case "INTEGER":
                    case "SMALLINT":
                    case "TINYINT":
                    case "HUGEINT":
                        types[c] = "fixed";
                        column.put("precision", 38);
                        column.put("scale", 0);
                        break;
                    case "DOUBLE":
                    case "FLOAT":
                        types[c] = "real";
                        break;
                    case "BOOLEAN":
                        types[c] = "boolean";
                        break;
                    case "DATE":
                        types[c] = "date";
                        break;
                    case "TIMESTAMP":
                        types[c] = "timestamp_ntz";
                        column.put("precision", 0);
                        column.put("scale", 9);
                        break;
                    case "TIMESTAMP WITH TIME ZONE":
                        types[c] = "timestamp_ltz";
                        column.put("precision", 0);
                        column.put("scale", 9);
                        break;
                    default:
                        types[c] = "text";
                        column.put("length", 16777216);
                        column.put("byteLength", 16777216);
                }
            }
            column.put("type", types[c]);
        }
        return types;
    }

    static void writeRows(ResultSet rows, ObjectNode data) throws SQLException {
        String[] types = writeRowType(rows.getMetaData(), data);
        ArrayNode rowset = data.putArray("rowset");
        int count = 0;
        while (rows.next()) {
            ArrayNode row = rowset.addArray();
            for (int c = 0; c < types.length; c++) {
                if (rows.getObject(c + 1) == null) {
                    row.addNull();
                } else {
                    row.add(cell(rows, c + 1, types[c]));
                }
            }
            count++;
        }
        data.put("total", count);
        data.put("returned", count);
    }

    private static String cell(ResultSet rows, int column, String type) throws SQLException {
        switch (type) {
            case "fixed":
                return rows.getBigDecimal(column).toPlainString();
            case "real":
                return String.valueOf(rows.getDouble(column));
            case "boolean":
                return String.valueOf(rows.getBoolean(column));
            case "date":
                return String.valueOf(rows.getObject(column, LocalDate.class).toEpochDay());
            case "timestamp_ntz":
                return seconds(
                        rows.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC));
            case "timestamp_ltz":
                return seconds(rows.getObject(column, OffsetDateTime.class).toInstant());
            default:
                return rows.getString(column);
        }
    }

    /** Epoch seconds with nine fraction digits, as the driver parses timestamps of scale 9. */
    private static String seconds(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond())
                .add(BigDecimal.valueOf(instant.getNano(), 9))
                .setScale(9)
                .toPlainString();
    }
}
