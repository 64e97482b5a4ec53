package io.thyme.connectors.iceberg;

import io.thyme.event.EventSchema;
import io.thyme.event.FieldValues;
import io.thyme.event.InvalidRow;
import io.thyme.event.RowDecodeException;
import io.thyme.spec.BaseType;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.FieldSpec;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Between Iceberg rows and dataset events: which table columns a dataset may read (checked before
 * the job starts), the projection read from data files, and the conversion of each generic record.
 */
public final class IcebergRows implements Serializable {
    private static final long serialVersionUID = 1L;

    private final EventSchema schema;
    private final String tableName;
    private final int[] keyIndexes;
    private transient Types.StructType positionsOf;
    private transient int[] positions;

    public IcebergRows(EventSchema schema, String tableName) {
        this.schema = schema;
        this.tableName = tableName;
        this.keyIndexes = schema.keyIndexes();
    }

    /**
     * Adds a problem for every dataset field the table cannot fill, and a warning for every
     * nullable column behind a field that is not Optional (its nulls will go to the errors topic).
     */
    public static void check(
            Schema table, DatasetSpec dataset, List<String> problems, List<String> warnings) {
        for (FieldSpec field : dataset.fields()) {
            Types.NestedField column = table.findField(field.name());
            if (column == null) {
                problems.add(
                        String.format(
                                "field %s: the table has no column '%s' (columns: %s); add the"
                                        + " column or rename the field",
                                field.name(), field.name(), columnNames(table)));
                continue;
            }
            if (!fits(field.type().base(), column.type())) {
                problems.add(
                        String.format(
                                "field %s is %s but column %s is %s; declare the field as %s",
                                field.name(),
                                field.type(),
                                column.name(),
                                column.type(),
                                suggestion(column.type())));
            } else if (column.isOptional() && !field.type().optional()) {
                warnings.add(
                        String.format(
                                "column %s may be null but field %s is %s: rows with a null go to"
                                        + " the errors topic; declare Optional[%s] to keep them",
                                column.name(), field.name(), field.type(), field.type()));
            }
        }
    }

    public static Schema projection(Schema table, DatasetSpec dataset) {
        return table.select(dataset.fields().stream().map(FieldSpec::name).toList());
    }

    private static boolean fits(BaseType base, Type type) {
        switch (base) {
            case STR:
                return type.typeId() == Type.TypeID.STRING;
            case INT:
                return Set.of(Type.TypeID.INTEGER, Type.TypeID.LONG).contains(type.typeId());
            case FLOAT:
                return Set.of(Type.TypeID.FLOAT, Type.TypeID.DOUBLE).contains(type.typeId());
            case BOOL:
                return type.typeId() == Type.TypeID.BOOLEAN;
            case DATETIME:
                return type.typeId() == Type.TypeID.TIMESTAMP;
            case DATE:
                return type.typeId() == Type.TypeID.DATE;
            default:
                return false;
        }
    }

    private static String suggestion(Type type) {
        switch (type.typeId()) {
            case STRING:
                return "str";
            case INTEGER:
            case LONG:
                return "int";
            case FLOAT:
            case DOUBLE:
                return "float";
            case BOOLEAN:
                return "bool";
            case TIMESTAMP:
                return "datetime";
            case DATE:
                return "date";
            default:
                return "one of str, int, float, bool, datetime, date (the column's type has no"
                        + " dataset type; read it through a view)";
        }
    }

    private static String columnNames(Schema table) {
        List<String> names = new ArrayList<>();
        table.columns().forEach(c -> names.add(c.name()));
        return String.join(", ", names);
    }

    /**
     * Where each dataset field sits in the records read (-1 for a field they lack): the projection
     * keeps the table's column order, not the dataset's, and files read with delete files carry the
     * columns their equality deletes compare. Computed again when the records' type changes.
     */
    private int[] positions(Record record) {
        if (positions == null || positionsOf != record.struct()) {
            int[] found = new int[schema.arity()];
            for (int i = 0; i < found.length; i++) {
                found[i] =
                        record.struct()
                                .fields()
                                .indexOf(record.struct().field(schema.fields().get(i).name()));
            }
            positions = found;
            positionsOf = record.struct();
        }
        return positions;
    }

    /**
     * The columns read from an equality delete file of the key fields: the key columns and the
     * event-time column, optional, as such a file may hold whole rows or the key columns only.
     */
    public Schema keyDeleteProjection(Schema table) {
        List<Types.NestedField> columns = new ArrayList<>();
        for (Types.NestedField column : table.columns()) {
            String name = column.name();
            boolean key = false;
            for (int index : keyIndexes) {
                key |= schema.fields().get(index).name().equals(name);
            }
            if (key || name.equals(schema.fields().get(schema.timestampIndex()).name())) {
                columns.add(column.asOptional());
            }
        }
        return new Schema(columns);
    }

    /**
     * The delete of a key read from an equality delete file: its key fields, and its event time
     * from the file's row when it holds one, else {@code committedAtMillis} (the snapshot's commit
     * time). The other fields stay null: a delete is a tombstone of its key.
     */
    public Either<Row, InvalidRow> keyDelete(
            Record record, long committedAtMillis, String file, long position) {
        int[] at = positions(record);
        Row row = Row.withPositions(RowKind.DELETE, schema.arity());
        List<String> errors = new ArrayList<>(0);
        for (int index : keyIndexes) {
            Object raw = at[index] < 0 ? null : record.get(at[index]);
            if (raw == null) {
                errors.add(schema.fields().get(index).name() + " is null in an equality delete");
            } else {
                row.setField(index, value(schema.fields().get(index).type().base(), raw));
            }
        }
        int ts = schema.timestampIndex();
        Object raw = at[ts] < 0 ? null : record.get(at[ts]);
        Object time = raw == null ? Instant.ofEpochMilli(committedAtMillis) : instant(raw);
        String outOfRange = outOfRange(time);
        if (outOfRange != null) {
            errors.add(schema.fields().get(ts).name() + ": " + outOfRange);
        }
        if (errors.isEmpty()) {
            row.setField(ts, time);
            return Either.Left(row);
        }
        return Either.Right(
                new InvalidRow(
                        String.join("; ", errors),
                        "iceberg://" + tableName + "/" + file + "#" + position,
                        record.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The event of a record read from {@code file}, or why it is not one. */
    public Either<Row, InvalidRow> convert(
            Record record, RowKind kind, String file, long position) {
        int[] at = positions(record);
        Row row = Row.withPositions(kind, schema.arity());
        List<String> errors = null;
        for (int i = 0; i < at.length; i++) {
            FieldSpec field = schema.fields().get(i);
            Object raw = record.get(at[i]);
            if (raw == null) {
                if (!field.type().optional()) {
                    if (errors == null) {
                        errors = new ArrayList<>(1);
                    }
                    errors.add(
                            String.format(
                                    "%s is null but the field is %s; declare it Optional[%s]",
                                    field.name(), field.type(), field.type()));
                }
                continue;
            }
            Object value = value(field.type().base(), raw);
            String outOfRange = outOfRange(value);
            if (outOfRange != null) {
                if (errors == null) {
                    errors = new ArrayList<>(1);
                }
                errors.add(field.name() + ": " + outOfRange);
                continue;
            }
            row.setField(i, value);
        }
        if (errors == null) {
            return Either.Left(row);
        }
        return Either.Right(
                new InvalidRow(
                        String.join("; ", errors),
                        "iceberg://" + tableName + "/" + file + "#" + position,
                        record.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The key fields' values of a record, as one comparable string. */
    public String keyOf(Record record) {
        int[] at = positions(record);
        StringBuilder key = new StringBuilder();
        for (int index : keyIndexes) {
            Object raw = record.get(at[index]);
            key.append(
                            raw == null
                                    ? "\u0000"
                                    : value(schema.fields().get(index).type().base(), raw))
                    .append('\u0001');
        }
        return key.toString();
    }

    /** Why an event cannot hold the value (NaN, a year outside 1-9999), or null when it can. */
    private static String outOfRange(Object value) {
        try {
            if (value instanceof Double) {
                FieldValues.checkFloat((Double) value);
            } else if (value instanceof Instant) {
                FieldValues.checkDatetime((Instant) value);
            } else if (value instanceof LocalDate) {
                FieldValues.checkDate((LocalDate) value);
            }
            return null;
        } catch (RowDecodeException e) {
            return e.getMessage();
        }
    }

    private static Object value(BaseType base, Object raw) {
        switch (base) {
            case STR:
                return raw.toString();
            case INT:
                return ((Number) raw).longValue();
            case FLOAT:
                return ((Number) raw).doubleValue();
            case BOOL:
                return raw;
            case DATETIME:
                return instant(raw);
            case DATE:
                return (LocalDate) raw;
            default:
                throw new IllegalStateException("unknown type " + base);
        }
    }

    private static Instant instant(Object raw) {
        if (raw instanceof OffsetDateTime) {
            return ((OffsetDateTime) raw).toInstant();
        }
        return ((LocalDateTime) raw).toInstant(ZoneOffset.UTC);
    }
}
