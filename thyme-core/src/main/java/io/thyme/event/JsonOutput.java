package io.thyme.event;

import com.fasterxml.jackson.core.io.NumberOutput;
import io.thyme.spec.BaseType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * A reused byte buffer and the wire format's writers of each value type: what {@link
 * JsonEventEncoder} writes events with and {@link JsonEventTranscoder} writes values with, so both
 * give the same bytes. Strings are escaped as Jackson escapes them (a backslash before a quote or a
 * backslash, the short escapes n, t, r, b, f, and backslash-u with four upper-case hex digits for
 * other control characters; everything else as UTF-8), except that a lone surrogate, which UTF-8
 * cannot hold, is written as its backslash-u escape instead of failing. Not thread-safe.
 */
final class JsonOutput {
    static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_KEPT_BUFFER = 1 << 20;
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private byte[] buffer = new byte[256];
    private int length;
    private final DatetimeWriter datetimes = new DatetimeWriter();

    /** Each field's {@code "name":} as written, in spec order. */
    static byte[][] names(EventSchema schema) {
        JsonOutput out = new JsonOutput();
        byte[][] names = new byte[schema.arity()][];
        for (int i = 0; i < names.length; i++) {
            out.reset();
            out.string(schema.fields().get(i).name());
            out.put((byte) ':');
            names[i] = out.copy();
        }
        return names;
    }

    void reset() {
        length = 0;
        if (buffer.length > MAX_KEPT_BUFFER) {
            buffer = new byte[256]; // a huge event once does not pin its buffer for good
        }
    }

    int length() {
        return length;
    }

    /** The buffer as it is now; valid until the next write. */
    byte[] buffer() {
        return buffer;
    }

    byte[] copy() {
        return Arrays.copyOf(buffer, length);
    }

    /** A value of a field of {@code type}; null as JSON null. */
    void value(BaseType type, Object value) {
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
                decimal((Double) value);
                break;
            case BOOL:
                bool((Boolean) value);
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

    void bool(boolean value) {
        put(value ? TRUE : FALSE);
    }

    void decimal(double number) {
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            string(Double.toString(number)); // as Jackson quotes them; decoders refuse them
            return;
        }
        ensure(ShortDecimals.MAX_LENGTH);
        int end = ShortDecimals.write(number, buffer, length);
        if (end >= 0) {
            length = end;
        } else {
            // Schubfach (Jackson's fast writer; Java 19's Double.toString): the shortest text that
            // reads back as the same double, without Java 17's thread-local buffer per call
            ascii(NumberOutput.toString(number, true));
        }
    }

    /** A long's digits, written backwards from where they end. */
    void integer(long value) {
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

    void datetime(Instant value) {
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

    void string(String text) {
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

    void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    void put(byte[] bytes) {
        put(bytes, 0, bytes.length);
    }

    void put(byte[] bytes, int from, int to) {
        int n = to - from;
        ensure(n);
        System.arraycopy(bytes, from, buffer, length, n);
        length += n;
    }

    /** Room for {@code more} bytes (and a few spare). */
    private void ensure(int more) {
        if (length + more + 8 > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more + 64));
        }
    }
}
