package io.thyme.connectors.s3.reader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a stream as bytes, ended as {@link java.io.BufferedReader#readLine} ends them (a
 * line feed, a carriage return, or both in that order; the last line needs none), so line numbers
 * and restore positions count the same. A line's bytes are passed on as they were written: not
 * decoded into characters and encoded again, and bytes that are not UTF-8 reach the decoder, which
 * refuses the record to {@code .errors} instead of publishing replacement characters.
 */
final class ByteLines {
    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean afterCarriageReturn;
    private byte[] line = new byte[256];

    ByteLines(InputStream in) {
        this.in = in;
    }

    /** The next line without its end, or null at the end of the stream. */
    byte[] next() throws IOException {
        int length = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? Arrays.copyOf(line, length) : null;
                }
            }
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (buffer[position] == '\n') {
                    position++; // the \n of a \r\n
                    continue;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            int chunk = position - start;
            if (length + chunk > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
            }
            System.arraycopy(buffer, start, line, length, chunk);
            length += chunk;
            if (position < limit) {
                afterCarriageReturn = buffer[position] == '\r';
                position++;
                byte[] complete = Arrays.copyOf(line, length);
                if (line.length > 1 << 20) {
                    line = new byte[256]; // one huge line does not pin its buffer
                }
                return complete;
            }
        }
    }

    /** As {@link String#isBlank} of the line's text. */
    static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b < 0) {
                return new String(line, StandardCharsets.UTF_8).isBlank();
            }
            if (!Character.isWhitespace((char) b)) {
                return false;
            }
        }
        return true;
    }
}
