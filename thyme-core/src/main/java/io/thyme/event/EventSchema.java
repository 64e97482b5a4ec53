package io.thyme.event;

import io.thyme.spec.DatasetSpec;
import io.thyme.spec.FieldSpec;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * The shape of a dataset's events inside the job: a {@link Row} with one position per field, in
 * spec order, and the Flink type information that serializes it without Kryo. str is a String, int
 * a Long, float a Double, bool a Boolean, datetime an Instant, date a LocalDate; Optional fields
 * may be null.
 */
public final class EventSchema implements Serializable {
    private static final long serialVersionUID = 1L;

    private final DatasetSpec dataset;
    private final int timestampIndex;
    private final int[] keyIndexes;

    public EventSchema(DatasetSpec dataset) {
        this.dataset = dataset;
        this.timestampIndex = dataset.indexOf(dataset.timestampField().name());
        this.keyIndexes =
                dataset.keyFields().stream().mapToInt(f -> dataset.indexOf(f.name())).toArray();
    }

    public DatasetSpec dataset() {
        return dataset;
    }

    public List<FieldSpec> fields() {
        return dataset.fields();
    }

    public int arity() {
        return dataset.fields().size();
    }

    public int timestampIndex() {
        return timestampIndex;
    }

    public int[] keyIndexes() {
        return keyIndexes.clone();
    }

    /** The fields as a user reads them, e.g. {@code id int (key), name str, ts datetime}. */
    public String describeFields() {
        StringBuilder text = new StringBuilder();
        for (FieldSpec field : dataset.fields()) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(field.name()).append(' ').append(field.type());
            if (field.key()) {
                text.append(" (key)");
            }
        }
        return text.toString();
    }

    /**
     * Event time in epoch milliseconds. Decoders refuse datetimes outside years 1 to 9999; should
     * one get through anyway, it saturates instead of failing the task.
     */
    public long eventTimeMillis(Row event) {
        return eventTimeMillis((java.time.Instant) event.getFieldAs(timestampIndex));
    }

    /** {@link #eventTimeMillis(Row)} of an event whose event time is {@code time}. */
    public static long eventTimeMillis(java.time.Instant time) {
        try {
            return time.toEpochMilli();
        } catch (ArithmeticException e) {
            return time.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    public RowTypeInfo rowType() {
        TypeInformation<?>[] types = new TypeInformation<?>[arity()];
        String[] names = new String[arity()];
        for (int i = 0; i < arity(); i++) {
            FieldSpec field = dataset.fields().get(i);
            names[i] = field.name();
            types[i] = typeOf(field);
        }
        return new RowTypeInfo(types, names);
    }

    /**
     * What sources in append mode that read the wire format's JSON emit, see {@link EncodedEvent}.
     */
    public TypeInformation<Either<EncodedEvent, InvalidRow>> encodedType() {
        return new EitherTypeInfo<>(
                TypeInformation.of(EncodedEvent.class), TypeInformation.of(InvalidRow.class));
    }

    /** What sources emit: a decoded event, or a row that could not be decoded. */
    public TypeInformation<Either<Row, InvalidRow>> decodedType() {
        return new EitherTypeInfo<>(rowType(), TypeInformation.of(InvalidRow.class));
    }

    private static TypeInformation<?> typeOf(FieldSpec field) {
        switch (field.type().base()) {
            case STR:
                return Types.STRING;
            case INT:
                return Types.LONG;
            case FLOAT:
                return Types.DOUBLE;
            case BOOL:
                return Types.BOOLEAN;
            case DATETIME:
                return Types.INSTANT;
            case DATE:
                return Types.LOCAL_DATE;
            default:
                throw new IllegalArgumentException("no Flink type for " + field.type());
        }
    }
}
