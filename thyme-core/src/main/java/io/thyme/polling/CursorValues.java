package io.thyme.polling;

import io.thyme.spec.BaseType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Values of a polling cursor: a datetime (Instant), int (Long), date (LocalDate) or str (String)
 * field. They compare in their natural order and are written to checkpoints with a type tag.
 */
public final class CursorValues {
    private static final byte INSTANT = 1;
    private static final byte LONG = 2;
    private static final byte DATE = 3;
    private static final byte STRING = 4;
    private static final byte LONG_STRING = 5;
    private static final int MAX_UTF_CHARS = 16_000;

    private CursorValues() {}

    /** Whether a field of this type can be a cursor. */
    public static boolean canBeCursor(BaseType type) {
        return type == BaseType.DATETIME
                || type == BaseType.INT
                || type == BaseType.DATE
                || type == BaseType.STR;
    }

    /** The later of two cursor values, either of which may be null (none yet). */
    public static Object max(Object a, Object b) {
        if (a == null) {
            return b;
        }
        return b == null || compare(a, b) >= 0 ? a : b;
    }

    /**
     * The high-water mark after a row with cursor {@code next}, read in the database's cursor
     * order. Text is ordered by the column's collation, which Java cannot know: the row's own value
     * is the newest. Other values order the same in Java as in the database.
     */
    public static Object advance(Object current, Object next) {
        if (next instanceof String) {
            return next;
        }
        return max(current, next);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    /**
     * The lowest cursor value a poll re-reads after seeing {@code highWaterMark}: the overlap
     * window behind it for datetime cursors, the high-water mark itself (its ties) for the others.
     */
    public static Object overlapStart(Object highWaterMark, Duration overlap) {
        if (highWaterMark instanceof Instant) {
            return ((Instant) highWaterMark).minus(overlap);
        }
        return highWaterMark;
    }

    public static void write(Object value, DataOutput out) throws IOException {
        if (value instanceof Instant) {
            Instant instant = (Instant) value;
            out.writeByte(INSTANT);
            out.writeLong(instant.getEpochSecond());
            out.writeInt(instant.getNano());
        } else if (value instanceof Long) {
            out.writeByte(LONG);
            out.writeLong((Long) value);
        } else if (value instanceof LocalDate) {
            out.writeByte(DATE);
            out.writeLong(((LocalDate) value).toEpochDay());
        } else if (value instanceof String && ((String) value).length() > MAX_UTF_CHARS) {
            byte[] utf8 = ((String) value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeByte(LONG_STRING);
            out.writeInt(utf8.length);
            out.write(utf8);
        } else if (value instanceof String) {
            out.writeByte(STRING);
            out.writeUTF((String) value);
        } else {
            throw new IllegalArgumentException("not a cursor value: " + value);
        }
    }

    public static Object read(DataInput in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case INSTANT:
                return Instant.ofEpochSecond(in.readLong(), in.readInt());
            case LONG:
                return in.readLong();
            case DATE:
                return LocalDate.ofEpochDay(in.readLong());
            case STRING:
                return in.readUTF();
            case LONG_STRING:
                byte[] utf8 = new byte[in.readInt()];
                in.readFully(utf8);
                return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
            default:
                throw new IOException("unknown cursor value tag " + tag);
        }
    }
}
