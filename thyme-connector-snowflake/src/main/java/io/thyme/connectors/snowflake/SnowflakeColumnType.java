package io.thyme.connectors.snowflake;

import io.thyme.spec.BaseType;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The Snowflake column types a dataset field can be read from, as the JDBC driver reports them. */
enum SnowflakeColumnType {
    TEXT,
    INTEGER,
    DECIMAL,
    REAL,
    BOOLEAN,
    DATE,
    /** A wall-clock timestamp, read as UTC. */
    TIMESTAMP_NTZ,
    /** An instant (TIMESTAMP_LTZ or TIMESTAMP_TZ). */
    TIMESTAMP_INSTANT,
    OTHER;

    private static final Set<String> SEMI_STRUCTURED =
            Set.of("VARIANT", "OBJECT", "ARRAY", "GEOGRAPHY", "GEOMETRY", "MAP");

    static SnowflakeColumnType of(ResultSetMetaData meta, int column) throws SQLException {
        String name = meta.getColumnTypeName(column).toUpperCase(Locale.ROOT);
        switch (meta.getColumnType(column)) {
            case Types.VARCHAR:
            case Types.CHAR:
            case Types.LONGVARCHAR:
                // VARIANT, OBJECT, ARRAY and GEOGRAPHY are reported as VARCHAR too
                return SEMI_STRUCTURED.contains(name) ? OTHER : TEXT;
            case Types.BIGINT:
            case Types.INTEGER:
            case Types.SMALLINT:
            case Types.TINYINT:
                return INTEGER;
            case Types.DECIMAL:
            case Types.NUMERIC:
                return meta.getScale(column) == 0 ? INTEGER : DECIMAL;
            case Types.DOUBLE:
            case Types.FLOAT:
            case Types.REAL:
                return REAL;
            case Types.BOOLEAN:
            case Types.BIT:
                return BOOLEAN;
            case Types.DATE:
                return DATE;
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return TIMESTAMP_INSTANT;
            case Types.TIMESTAMP:
                return name.contains("LTZ") || name.endsWith("TZ") && !name.contains("NTZ")
                        ? TIMESTAMP_INSTANT
                        : TIMESTAMP_NTZ;
            default:
                return name.contains("LTZ") ? TIMESTAMP_INSTANT : OTHER;
        }
    }

    /** The column types a field of this type reads. */
    static Set<SnowflakeColumnType> holds(BaseType type) {
        switch (type) {
            case STR:
                return EnumSet.of(TEXT);
            case INT:
                return EnumSet.of(INTEGER);
            case FLOAT:
                return EnumSet.of(REAL, DECIMAL, INTEGER);
            case BOOL:
                return EnumSet.of(BOOLEAN);
            case DATETIME:
                return EnumSet.of(TIMESTAMP_NTZ, TIMESTAMP_INSTANT);
            case DATE:
                return EnumSet.of(DATE);
            default:
                return EnumSet.noneOf(SnowflakeColumnType.class);
        }
    }
}
