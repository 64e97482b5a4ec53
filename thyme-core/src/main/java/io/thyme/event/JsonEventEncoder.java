package io.thyme.event;

import com.fasterxml.jackson.core.io.NumberOutput;
import io.thyme.spec.BaseType;
import io.thyme.spec.FieldSpec;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import org.apache.flink.types.Row;

/**
 * Writes events as the README's wire format: the value is a JSON object of all fields in spec
 * order, the key a JSON object of the key fields; datetimes are ISO-8601 UTC with microseconds,
 * dates {@code YYYY-MM-DD}, nulls JSON null. Strings are escaped as Jackson escapes them (a
 * backslash before a quote or a backslash, the short escapes n, t, r, b, f, and backslash-u with
 * four upper-case hex digits for other control characters; everything else as UTF-8), except that a
 * lone surrogate, which UTF-8 cannot hold, is written as its backslash-u escape instead of failing.
 * Written by hand into one reused buffer: this runs for every record ({@code JsonEventEncoderTest}
 * checks it against Jackson's generator). Not thread-safe: one per sink writer.
 */
public final class JsonEventEncoder implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final byte[] HEX =
            "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int MAX_KEPT_BUFFER = 1 << 20;
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private final EventSchema schema;
    private final int[] keyIndexes;
    private final int[] allIndexes;
    private final BaseType[] types;
    private transient byte[][] names;
    private transient byte[] buffer;
    private transient DatetimeWriter datetimes;
    private transient int length;

    /** Where each field ({@code "name":value}) of the last object written begins and ends. */
    private transient int[] starts;

    private transient int[] ends;

    /** An event's key (null for a dataset without key fields) and value. */
    public record KeyAndValue(byte[] key, byte[] value) {}

    public JsonEventEncoder(EventSchema schema) {
        this.schema = schema;
        this.keyIndexes = schema.keyIndexes();
        this.allIndexes = java.util.stream.IntStream.range(0, schema.arity()).toArray();
        this.types = schema.fields().stream().map(f -> f.type().base()).toArray(BaseType[]::new);
    }

    public byte[] value(Row event) {
        return object(event, allIndexes);
    }

    /** The key, or null for a dataset without key fields. */
    public byte[] key(Row event) {
        return keyIndexes.length == 0 ? null : object(event, keyIndexes);
    }

    /**
     * The key and the value of an event; the key's fields are copied from the value's bytes (the
     * same {@code "name":value} text) instead of being encoded again.
     */
    public KeyAndValue keyAndValue(Row event) {
        byte[] value = object(event, allIndexes);
        if (keyIndexes.length == 0) {
            return new KeyAndValue(null, value);
        }
        int size = 1 + keyIndexes.length;
        for (int position : keyIndexes) {
            size += ends[position] - starts[position];
        }
        byte[] key = new byte[size];
        int at = 0;
        for (int i = 0; i < keyIndexes.length; i++) {
            key[at++] = (byte) (i == 0 ? '{' : ',');
            int position = keyIndexes[i];
            int length = ends[position] - starts[position];
            System.arraycopy(value, starts[position], key, at, length);
            at += length;
        }
        key[at] = '}';
        return new KeyAndValue(key, value);
    }

    private byte[] object(Row event, int[] positions) {
        if (names == null) {
            init();
        }
        length = 0;
        put((byte) '{');
        for (int i = 0; i < positions.length; i++) {
            int position = positions[i];
            if (i > 0) {
                put((byte) ',');
            }
            starts[position] = length;
            put(names[position]);
            write(types[position], event.getField(position));
            ends[position] = length;
        }
        put((byte) '}');
        byte[] encoded = Arrays.copyOf(buffer, length);
        if (buffer.length > MAX_KEPT_BUFFER) {
            buffer = new byte[256]; // a huge event once does not pin its buffer for good
        }
        return encoded;
    }

    private void init() {
        buffer = new byte[256];
        datetimes = new DatetimeWriter();
        starts = new int[schema.arity()];
        ends = new int[schema.arity()];
        names = new byte[schema.arity()][];
        for (int i = 0; i < names.length; i++) {
            FieldSpec field = schema.fields().get(i);
            length = 0;
            string(field.name());
            put((byte) ':');
            names[i] = Arrays.copyOf(buffer, length);
        }
        length = 0;
    }

    private void write(BaseType type, Object value) {
        if (value == null) {
            put(NULL);
            return;
        }
        switch (type) {
            case STR:
                string((String) value);
                break;
            case INT:
                integer((Long) value);
                break;
            case FLOAT:
                double number = (Double) value;
                if (Double.isNaN(number) || Double.isInfinite(number)) {
                    string(Double.toString(number)); // as Jackson quotes them; decoders refuse them
                } else {
                    ensure(ShortDecimals.MAX_LENGTH);
                    int end = ShortDecimals.write(number, buffer, length);
                    if (end >= 0) {
                        length = end;
                    } else {
                        // Schubfach (Jackson's fast writer; Java 19's Double.toString): the
                        // shortest text that reads back as the same double, without Java 17's
                        // thread-local buffer per call
                        ascii(NumberOutput.toString(number, true));
                    }
                }
                break;
            case BOOL:
                put((Boolean) value ? TRUE : FALSE);
                break;
            case DATETIME:
                datetime((Instant) value);
                break;
            case DATE:
                string(value.toString());
                break;
            default:
                throw new IllegalStateException("unknown type " + type);
        }
    }

    /** A long's digits, written backwards from where they end. */
    private void integer(long value) {
        if (value == Long.MIN_VALUE) {
            ascii(Long.toString(value)); // no positive counterpart to negate into
            return;
        }
        ensure(20);
        long magnitude = Math.abs(value);
        int digits = 1;
        for (long rest = magnitude / 10; rest > 0; rest /= 10) {
            digits++;
        }
        int at = length;
        if (value < 0) {
            buffer[at++] = '-';
        }
        int end = at + digits;
        for (int i = end - 1; i >= at; i--) {
            buffer[i] = (byte) ('0' + magnitude % 10);
            magnitude /= 10;
        }
        length = end;
    }

    private void datetime(Instant value) {
        ensure(DatetimeWriter.LENGTH + 2);
        int end = datetimes.write(value, buffer, length + 1);
        if (end < 0) {
            string(FieldValues.formatDatetime(value)); // a year with a sign or five digits
            return;
        }
        buffer[length] = '"';
        buffer[end] = '"';
        length = end + 1;
    }

    private void string(String text) {
        int n = text.length();
        ensure(n * 3 + 2);
        byte[] out = buffer;
        int at = length;
        out[at++] = '"';
        // printable ASCII, the common case, in a loop of its own (one test per character)
        int i = 0;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                break;
            }
            out[at + i] = (byte) c;
        }
        at += i;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    out[at++] = (byte) c;
                    continue;
                }
                length = at;
                ensure(6 + (n - i) * 3);
                escape(c);
                out = buffer;
                at = length;
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                // as Jackson writes them: each half of a pair (and a lone one) escaped
                length = at;
                ensure(6 + (n - i) * 3);
                unicodeEscape(c);
                out = buffer;
                at = length;
            } else {
                out[at++] = (byte) (0xE0 | (c >> 12));
                out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        out[at++] = '"';
        length = at;
    }

    /** A character below 0x80 that JSON needs escaped, as Jackson escapes it. */
    private void escape(char c) {
        switch (c) {
            case '"':
            case '\\':
                put((byte) '\\');
                put((byte) c);
                break;
            case '\n':
                put(new byte[] {'\\', 'n'});
                break;
            case '\t':
                put(new byte[] {'\\', 't'});
                break;
            case '\r':
                put(new byte[] {'\\', 'r'});
                break;
            case '\b':
                put(new byte[] {'\\', 'b'});
                break;
            case '\f':
                put(new byte[] {'\\', 'f'});
                break;
            default:
                unicodeEscape(c);
        }
    }

    private void unicodeEscape(char c) {
        ensure(6);
        buffer[length++] = '\\';
        buffer[length++] = 'u';
        buffer[length++] = HEX[(c >> 12) & 0xF];
        buffer[length++] = HEX[(c >> 8) & 0xF];
        buffer[length++] = HEX[(c >> 4) & 0xF];
        buffer[length++] = HEX[c & 0xF];
    }

    private void ascii(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buffer[length++] = (byte) text.charAt(i);
        }
    }

    private void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    /** Room for {@code more} bytes (and a few spare). */
    private void ensure(int more) {
        if (length + more + 8 > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more + 64));
        }
    }
}
