package io.thyme.polling;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.thyme.event.EventSchema;
import io.thyme.event.InvalidRow;
import io.thyme.event.RowDecodeException;
import io.thyme.spec.FieldSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

/**
 * Builds the record of one polled table row, field by field: the event, or an invalid row naming
 * every column that did not fit (with the row's columns as JSON text), and the row's identity from
 * its typed values (never the driver's text of them, which changes with its transfer mode). The
 * table pollers' shared part of reading a row.
 */
public final class PolledRowBuilder {
    private static final JsonFactory JSON = new JsonFactory();

    /** Reads one column as its field's value; throws RowDecodeException when it does not fit. */
    @FunctionalInterface
    public interface ColumnReader<E extends Exception> {
        Object read() throws RowDecodeException, E;
    }

    private final EventSchema schema;
    private final Row row;
    private final String[] raw;
    private final RowIdentity identity = new RowIdentity();
    private List<String> errors;

    public PolledRowBuilder(EventSchema schema) {
        this.schema = schema;
        this.row = Row.withPositions(RowKind.INSERT, schema.arity());
        this.raw = new String[schema.arity()];
    }

    /**
     * Sets field {@code index} from a column whose raw text is {@code text} (null for SQL null); a
     * null in a non-Optional field, or a value the reader refuses, is an error of the row.
     */
    public <E extends Exception> void field(int index, String text, ColumnReader<E> reader)
            throws E {
        raw[index] = text;
        FieldSpec field = schema.fields().get(index);
        try {
            if (text == null) {
                if (!field.type().optional()) {
                    throw nullInRequiredField(field);
                }
                row.setField(index, null);
            } else {
                row.setField(index, reader.read());
            }
            identity.add(row.getField(index));
        } catch (RowDecodeException e) {
            identity.add(text);
            if (errors == null) {
                errors = new ArrayList<>(1);
            }
            errors.add("column " + field.name() + ": " + e.getMessage());
        }
    }

    /** The error of a SQL null in a field that is not Optional. */
    public static RowDecodeException nullInRequiredField(FieldSpec field) {
        return new RowDecodeException(
                "is null but the field is "
                        + field.type()
                        + "; declare it Optional["
                        + field.type()
                        + "]");
    }

    /** The columns of a refused row as a JSON object of their text (null for SQL null). */
    public static byte[] rawJson(EventSchema schema, String[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            for (int i = 0; i < raw.length; i++) {
                json.writeStringField(schema.fields().get(i).name(), raw[i]);
            }
            json.writeEndObject();
        } catch (IOException e) {
            return new byte[0];
        }
        return out.toByteArray();
    }

    /** The record, with the row's origin (built only for an invalid row). */
    public PolledRecord build(Object cursor, Supplier<String> origin) {
        Either<Row, InvalidRow> decoded =
                errors == null
                        ? Either.Left(row)
                        : Either.Right(
                                new InvalidRow(
                                        String.join("; ", errors),
                                        origin.get(),
                                        rawJson(schema, raw)));
        return PolledRecord.row(decoded, cursor, identity.value());
    }
}
