package io.thyme.connectors.postgres;

import io.thyme.conf.PostgresConnection;
import io.thyme.event.EventSchema;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads pages of a Postgres table in (cursor, ctid) order with bound parameters. Each column is
 * mapped to its field's type; a value that does not fit (a null in a non-Optional field, a fraction
 * in an int) makes the row an {@link InvalidRow}. A row's identity is its values and its ctid, so
 * identical rows stay distinct while re-reads are recognised.
 */
final class PostgresTablePoller implements TablePoller {
    private final PostgresConnection database;
    private final String tableName;
    private final EventSchema schema;
    private final String cursor;
    private final int cursorIndex;
    private Connection connection;
    private PostgresTable table;

    PostgresTablePoller(
            PostgresConnection database, String tableName, EventSchema schema, String cursor) {
        this.database = database;
        this.tableName = tableName;
        this.schema = schema;
        this.cursor = cursor;
        this.cursorIndex = schema.dataset().indexOf(cursor);
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = database.connect();
            List<String> problems = new ArrayList<>();
            table =
                    PostgresTable.describe(
                            connection,
                            tableName,
                            schema.dataset(),
                            cursor,
                            problems,
                            new ArrayList<>());
            if (!problems.isEmpty()) {
                connection.close();
                connection = null;
                throw new SQLException(String.join("; ", problems));
            }
        }
        return connection;
    }

    @Override
    public Page read(
            PollingSplit split, Optional<Object> from, Optional<PagePosition> after, int limit)
            throws SQLException {
        try {
            return readPage(split, from, after, limit);
        } catch (SQLException e) {
            close();
            throw new SQLException(
                    "reading " + tableName + " from " + database.jdbcUrl() + ": " + e.getMessage(),
                    e);
        }
    }

    private Page readPage(
            PollingSplit split, Optional<Object> from, Optional<PagePosition> after, int limit)
            throws SQLException {
        boolean bucketed = split.bucketCount() > 1;
        Connection open = connection();
        String sql =
                table.pageQuery(
                        schema.dataset(), cursor, from.isPresent(), after.isPresent(), bucketed);
        List<PolledRecord> rows = new ArrayList<>();
        PagePosition end = null;
        try (PreparedStatement query = open.prepareStatement(sql)) {
            int p = 1;
            if (from.isPresent()) {
                bindCursor(query, p++, from.get());
            }
            if (after.isPresent()) {
                bindCursor(query, p++, after.get().cursor());
                query.setString(p++, after.get().tieBreaker());
            }
            if (bucketed) {
                query.setInt(p++, split.bucketCount());
                query.setInt(p++, split.bucket());
            }
            query.setInt(p, limit);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    String ctid = result.getString(schema.arity() + 1);
                    Object cursorValue = cursorValue(result);
                    rows.add(decode(result, ctid, cursorValue));
                    end = new PagePosition(cursorValue, ctid);
                }
            }
        }
        return new Page(rows, Optional.ofNullable(end));
    }

    private PolledRecord decode(ResultSet result, String ctid, Object cursorValue)
            throws SQLException {
        PolledRowBuilder row = new PolledRowBuilder(schema);
        for (int i = 0; i < schema.arity(); i++) {
            int column = i + 1;
            FieldSpec field = schema.fields().get(i);
            row.field(i, result.getString(column), () -> value(result, column, field));
        }
        row.distinguishBy(ctid);
        return row.build(
                cursorValue,
                () ->
                        "postgres://"
                                + database.host()
                                + ":"
                                + database.port()
                                + "/"
                                + database.database()
                                + "/"
                                + table.displayName()
                                + "@"
                                + ctid);
    }

    private Object value(ResultSet result, int column, FieldSpec field)
            throws SQLException, RowDecodeException {
        Object raw = result.getObject(column);
        switch (field.type().base()) {
            case STR:
                return result.getString(column);
            case INT:
                if (raw instanceof BigDecimal) {
                    try {
                        return ((BigDecimal) raw).longValueExact();
                    } catch (ArithmeticException e) {
                        throw new RowDecodeException(raw + " is not a 64-bit whole number");
                    }
                }
                return ((Number) raw).longValue();
            case FLOAT:
                return ((Number) raw).doubleValue();
            case BOOL:
                return raw;
            case DATETIME:
                return instant(result, column, field.name());
            case DATE:
                return result.getObject(column, LocalDate.class);
            default:
                throw new IllegalStateException("unknown type " + field.type());
        }
    }

    private Instant instant(ResultSet result, int column, String name) throws SQLException {
        if ("timestamp with time zone".equals(table.columnType(name))) {
            return result.getObject(column, OffsetDateTime.class).toInstant();
        }
        return result.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    private Object cursorValue(ResultSet result) throws SQLException {
        int column = cursorIndex + 1;
        switch (schema.fields().get(cursorIndex).type().base()) {
            case DATETIME:
                return instant(result, column, cursor);
            case INT:
                return result.getLong(column);
            case DATE:
                return result.getObject(column, LocalDate.class);
            default:
                return result.getString(column);
        }
    }

    private void bindCursor(PreparedStatement query, int index, Object value) throws SQLException {
        if (value instanceof Instant) {
            Instant instant = (Instant) value;
            if ("timestamp with time zone".equals(table.columnType(cursor))) {
                query.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else {
                query.setObject(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
            }
        } else if (value instanceof Long) {
            query.setLong(index, (Long) value);
        } else {
            query.setObject(index, value);
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // the connection is being dropped after a failure; nothing more to do
            }
            connection = null;
        }
    }
}
