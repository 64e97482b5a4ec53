package io.thyme.connectors.postgres;

import io.thyme.event.EventSchema;
import io.thyme.event.FieldValues;
import io.thyme.event.InvalidRow;
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
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

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

    /**
     * The current row as an event from the driver's typed values, or, when a column does not fit,
     * an invalid row naming every such column, with the columns' text (read only then) and its
     * origin, {@code originPrefix} followed by the row's ctid.
     */
    Either<Row, InvalidRow> decode(ResultSet result, String originPrefix, String ctid)
            throws SQLException {
        Row row = Row.withPositions(RowKind.INSERT, schema.arity());
        List<String> errors = null;
        for (int i = 0; i < schema.arity(); i++) {
            FieldSpec field = schema.fields().get(i);
            try {
                Object value = value(result, i + 1, field);
                if (value == null && !field.type().optional()) {
                    throw PolledRowBuilder.nullInRequiredField(field);
                }
                row.setField(i, value);
            } catch (RowDecodeException e) {
                if (errors == null) {
                    errors = new ArrayList<>(1);
                }
                errors.add("column " + field.name() + ": " + e.getMessage());
            }
        }
        if (errors == null) {
            return Either.Left(row);
        }
        String[] raw = new String[schema.arity()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = result.getString(i + 1);
        }
        return Either.Right(
                new InvalidRow(
                        String.join("; ", errors),
                        originPrefix + ctid,
                        PolledRowBuilder.rawJson(schema, raw)));
    }

    /** The cursor of a decoded event: its field, already read. */
    Object cursorOf(Row event) {
        return event.getField(cursorIndex);
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
                if (raw == null) {
                    return null;
                }
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
                double number = result.getDouble(column);
                return result.wasNull() ? null : FieldValues.checkFloat(number);
            case BOOL:
                return result.getObject(column);
            case DATETIME:
                Instant instant = instant(result, column, field.name());
                return instant == null ? null : FieldValues.checkDatetime(instant);
            case DATE:
                LocalDate date = result.getObject(column, LocalDate.class);
                return date == null ? null : FieldValues.checkDate(date);
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
