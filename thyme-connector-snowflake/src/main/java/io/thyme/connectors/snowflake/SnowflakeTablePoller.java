package io.thyme.connectors.snowflake;

import io.thyme.connectors.sql.CursorPageQuery;
import io.thyme.connectors.sql.SqlDialect;
import io.thyme.event.EventSchema;
import io.thyme.event.FieldValues;
import io.thyme.event.InvalidRow;
import io.thyme.event.RowDecodeException;
import io.thyme.polling.PolledRecord;
import io.thyme.polling.PolledRowBuilder;
import io.thyme.polling.TablePoller;
import io.thyme.polling.split.PollingSplit;
import io.thyme.spec.FieldSpec;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.snowflake.client.jdbc.SnowflakeUtil;

/**
 * Reads pages of a Snowflake table in (cursor, tie-breaker) order with bound parameters through
 * Snowflake's JDBC driver. Each column is mapped to its field's type; a value that does not fit
 * makes the row an {@link InvalidRow}. Snowflake has no row ids: a row's identity is its values, so
 * rows equal in every column are read as one.
 */
final class SnowflakeTablePoller implements TablePoller {
    private final SnowflakeConnection account;
    private final SnowflakeTable table;
    private final EventSchema schema;
    private final String cursor;
    private final int cursorIndex;
    private final List<String> columns = new ArrayList<>();
    private Connection connection;

    SnowflakeTablePoller(
            SnowflakeConnection account, SnowflakeTable table, EventSchema schema, String cursor) {
        this.account = account;
        this.table = table;
        this.schema = schema;
        this.cursor = cursor;
        this.cursorIndex = schema.dataset().indexOf(cursor);
        schema.fields().forEach(f -> columns.add(f.name()));
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection opened = SnowflakeClients.connect(account);
            List<String> problems = new ArrayList<>();
            try {
                table.describe(opened, schema.dataset(), problems);
            } catch (SQLException e) {
                opened.close();
                throw e;
            }
            if (!problems.isEmpty()) {
                opened.close();
                throw new SQLException(String.join("; ", problems));
            }
            connection = opened;
        }
        return connection;
    }

    @Override
    public Page read(
            PollingSplit split, Optional<Object> from, Optional<PagePosition> after, int limit)
            throws SQLException {
        try {
            return readPage(from, after, limit);
        } catch (SQLException e) {
            close();
            throw new SQLException(
                    "reading "
                            + table.displayName()
                            + " from Snowflake account "
                            + account.account()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private Page readPage(Optional<Object> from, Optional<PagePosition> after, int limit)
            throws SQLException {
        Connection open = connection();
        CursorPageQuery query =
                CursorPageQuery.build(
                        new Dialect(table),
                        table.quotedName(),
                        columns,
                        cursor,
                        from.isPresent(),
                        after.isPresent(),
                        limit);
        List<PolledRecord> rows = new ArrayList<>();
        PagePosition end = null;
        try (PreparedStatement statement = open.prepareStatement(query.sql())) {
            int index = 1;
            for (CursorPageQuery.Parameter parameter : query.parameters()) {
                switch (parameter) {
                    case FROM:
                        bindCursor(statement, index++, from.orElseThrow());
                        break;
                    case AFTER_CURSOR:
                        bindCursor(statement, index++, after.orElseThrow().cursor());
                        break;
                    default:
                        statement.setString(index++, after.orElseThrow().tieBreaker());
                }
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    String tie = result.getString(schema.arity() + 1);
                    Object cursorValue = cursorValue(result);
                    rows.add(decode(result, cursorValue));
                    end = new PagePosition(cursorValue, tie);
                }
            }
        }
        return new Page(rows, Optional.ofNullable(end));
    }

    private void bindCursor(PreparedStatement statement, int index, Object value)
            throws SQLException {
        if (value instanceof Instant) {
            Timestamp timestamp = Timestamp.from((Instant) value);
            if (table.columnType(cursor) == SnowflakeColumnType.TIMESTAMP_NTZ) {
                statement.setObject(index, timestamp, SnowflakeUtil.EXTRA_TYPES_TIMESTAMP_NTZ);
            } else {
                statement.setTimestamp(index, timestamp);
            }
        } else if (value instanceof Long) {
            statement.setLong(index, (Long) value);
        } else if (value instanceof LocalDate) {
            statement.setDate(index, java.sql.Date.valueOf((LocalDate) value));
        } else {
            statement.setString(index, (String) value);
        }
    }

    private PolledRecord decode(ResultSet result, Object cursorValue) throws SQLException {
        PolledRowBuilder row = new PolledRowBuilder(schema);
        for (int i = 0; i < schema.arity(); i++) {
            int column = i + 1;
            FieldSpec field = schema.fields().get(i);
            row.field(i, result.getString(column), () -> value(result, column, field));
        }
        return row.build(
                cursorValue,
                () ->
                        "snowflake://"
                                + account.account()
                                + "/"
                                + table.displayName()
                                + "?"
                                + cursor
                                + "="
                                + cursorValue);
    }

    private Object value(ResultSet result, int column, FieldSpec field)
            throws SQLException, RowDecodeException {
        switch (field.type().base()) {
            case STR:
                return result.getString(column);
            case INT:
                BigDecimal whole = result.getBigDecimal(column);
                try {
                    return whole.longValueExact();
                } catch (ArithmeticException e) {
                    throw new RowDecodeException(whole + " is not a 64-bit whole number");
                }
            case FLOAT:
                return FieldValues.checkFloat(result.getDouble(column));
            case BOOL:
                return result.getBoolean(column);
            case DATETIME:
                return FieldValues.checkDatetime(instant(result, column));
            case DATE:
                return FieldValues.checkDate(result.getDate(column).toLocalDate());
            default:
                throw new IllegalStateException("unknown type " + field.type());
        }
    }

    /**
     * LTZ and TZ are instants; TIMESTAMP_NTZ is a wall clock, read as UTC. Read from the text the
     * session renders (every digit, with the offset for LTZ and TZ), not the driver's {@code
     * getTimestamp}: a {@code java.sql.Timestamp} goes through the Julian calendar before
     * 1582-10-15, which moved 0001-01-01 to 0000-12-30 (outside the years an event holds) and every
     * older timestamp by days.
     */
    private static Instant instant(ResultSet result, int column)
            throws SQLException, RowDecodeException {
        String text = result.getString(column);
        try {
            return instantOfText(text);
        } catch (DateTimeException e) {
            throw new RowDecodeException(
                    "'" + text + "' is not a timestamp like 2024-05-01 12:00:00.000000000");
        }
    }

    /**
     * A timestamp in the session's output formats: {@code YYYY-MM-DD HH24:MI:SS.FF9}, as UTC, or
     * followed by a space and an offset ({@code +00:00}, {@code Z}).
     */
    static Instant instantOfText(String text) {
        int space = text.lastIndexOf(' ');
        if (space > 10) {
            return LocalDateTime.parse(text.substring(0, space).replace(' ', 'T'))
                    .toInstant(ZoneOffset.of(text.substring(space + 1)));
        }
        return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    private Object cursorValue(ResultSet result) throws SQLException {
        int column = cursorIndex + 1;
        switch (schema.fields().get(cursorIndex).type().base()) {
            case DATETIME:
                try {
                    return instant(result, column);
                } catch (RowDecodeException e) {
                    throw new SQLException(
                            "the cursor "
                                    + cursor
                                    + ": "
                                    + e.getMessage()
                                    + "; polling cannot go"
                                    + " past it");
                }
            case INT:
                BigDecimal whole = result.getBigDecimal(column);
                try {
                    return whole.longValueExact();
                } catch (ArithmeticException e) {
                    throw new SQLException(
                            "the cursor "
                                    + cursor
                                    + " has the value "
                                    + whole
                                    + ", which does not fit a 64-bit int; polling cannot go past"
                                    + " it");
                }
            case DATE:
                return result.getDate(column).toLocalDate();
            default:
                return result.getString(column);
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // the session is being dropped after a failure or at the end; nothing more to do
            }
            connection = null;
        }
    }

    /** Columns quoted as the table names them, {@code ?} parameters. */
    private static final class Dialect implements SqlDialect {
        private final SnowflakeTable table;

        Dialect(SnowflakeTable table) {
            this.table = table;
        }

        @Override
        public String column(String name) {
            return table.quotedColumn(name);
        }

        @Override
        public String parameter(CursorPageQuery.Parameter role) {
            return "?";
        }
    }
}
