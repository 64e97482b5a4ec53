package io.thyme.connectors.postgres;

import io.thyme.event.EventSchema;
import io.thyme.event.FieldValues;
import io.thyme.event.RowDecodeException;
import io.thyme.polling.PolledRowBuilder;
import io.thyme.spec.FieldSpec;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * Turns the current row of a Postgres result into an event, from the driver's typed values (never
 * its text, which changes with the transfer mode): a value that does not fit its field (a null in a
 * non-Optional field, a fraction in an int, 'infinity' in a datetime) makes the row invalid. The
 * dataset's columns come first in the result, in field order.
 */
final class PostgresRowDecoder {
    private final EventSchema schema;
    private final PostgresTable table;
    private final int cursorIndex;

    PostgresRowDecoder(EventSchema schema, PostgresTable table, String cursor) {
        this.schema = schema;
        this.table = table;
        this.cursorIndex = schema.dataset().indexOf(cursor);
    }

    Either<Row, io.thyme.event.InvalidRow> decode(ResultSet result, Supplier<String> origin)
            throws SQLException {
        PolledRowBuilder row = new PolledRowBuilder(schema);
        for (int i = 0; i < schema.arity(); i++) {
            int column = i + 1;
            FieldSpec field = schema.fields().get(i);
            row.field(i, result.getString(column), () -> value(result, column, field));
        }
        return row.build(null, origin).decoded();
    }

    int arity() {
        return schema.arity();
    }

    boolean cursorHasTimeZone() {
        return "timestamp with time zone"
                .equals(table.columnType(schema.fields().get(cursorIndex).name()));
    }

    /** The row's cursor value as the split's position holds it (null when it has none). */
    Object cursorValue(ResultSet result) throws SQLException {
        return cursorValue(result, cursorIndex + 1);
    }

    /** A cursor value in {@code column} of the result, as the split's position holds it. */
    Object cursorValue(ResultSet result, int column) throws SQLException {
        FieldSpec field = schema.fields().get(cursorIndex);
        switch (field.type().base()) {
            case DATETIME:
                return instant(result, column, field.name());
            case INT:
                return result.getObject(column) == null ? null : result.getLong(column);
            case DATE:
                return result.getObject(column, LocalDate.class);
            default:
                return result.getString(column);
        }
    }

    private Object value(ResultSet result, int column, FieldSpec field)
            throws SQLException, RowDecodeException {
        switch (field.type().base()) {
            case STR:
                return result.getString(column);
            case INT:
                Object raw = result.getObject(column);
                if (raw instanceof BigDecimal) {
                    try {
                        return ((BigDecimal) raw).longValueExact();
                    } catch (ArithmeticException e) {
                        throw new RowDecodeException(raw + " is not a 64-bit whole number");
                    }
                }
                if (raw instanceof Double || raw instanceof Float) {
                    throw new RowDecodeException(raw + " is not a whole number");
                }
                return ((Number) raw).longValue();
            case FLOAT:
                return FieldValues.checkFloat(((Number) result.getObject(column)).doubleValue());
            case BOOL:
                return result.getObject(column);
            case DATETIME:
                return FieldValues.checkDatetime(instant(result, column, field.name()));
            case DATE:
                return FieldValues.checkDate(result.getObject(column, LocalDate.class));
            default:
                throw new IllegalStateException("unknown type " + field.type());
        }
    }

    /** timestamptz as the instant it is; timestamp without time zone read as UTC. */
    Instant instant(ResultSet result, int column, String name) throws SQLException {
        if ("timestamp with time zone".equals(table.columnType(name))) {
            OffsetDateTime value = result.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
        LocalDateTime value = result.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
