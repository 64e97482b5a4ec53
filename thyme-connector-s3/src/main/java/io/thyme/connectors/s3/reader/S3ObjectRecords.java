package io.thyme.connectors.s3.reader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thyme.cdc.DebeziumEnvelopeDecoder;
import io.thyme.connectors.reader.SplitRecords;
import io.thyme.connectors.s3.split.S3ObjectSplit;
import io.thyme.event.InvalidRow;
import io.thyme.event.JsonRowDecoder;
import io.thyme.event.RowDecodeException;
import io.thyme.polling.CursorValues;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.flink.metrics.Counter;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * The events of one object, streamed: JSON Lines (one object per line; {@code .json}, {@code
 * .jsonl}, {@code .ndjson}), or a JSON array of objects (a document starting with {@code [}); gzip
 * when the key ends in {@code .gz}. A line that does not decode becomes an invalid row naming the
 * object and line, and reading goes on with the next line. In an array a syntax error ends the
 * object (the rest cannot be delimited), reported the same way.
 */
final class S3ObjectRecords implements SplitRecords<S3Record> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final java.io.ByteArrayOutputStream elementBytes = new java.io.ByteArrayOutputStream();

    private final S3ObjectSplit split;
    private final String origin;
    private final JsonRowDecoder decoder;
    private final DebeziumEnvelopeDecoder envelopes;
    private final int cursorIndex;
    private final Counter skippedRows;
    private final InputStream stream;
    private ByteLines lines;
    private JsonParser array;
    private long consumed;
    private boolean done;

    S3ObjectRecords(
            S3ObjectSplit split,
            InputStream raw,
            String origin,
            JsonRowDecoder decoder,
            DebeziumEnvelopeDecoder envelopes,
            int cursorIndex,
            Counter skippedRows)
            throws IOException {
        this.split = split;
        this.origin = origin;
        this.decoder = decoder;
        this.envelopes = envelopes;
        this.cursorIndex = cursorIndex;
        this.skippedRows = skippedRows;
        InputStream in = new BufferedInputStream(raw, 64 * 1024);
        if (split.key().endsWith(".gz")) {
            in = new BufferedInputStream(new GZIPInputStream(in, 64 * 1024), 64 * 1024);
        }
        this.stream = in;
        if (firstNonBlank(in) == '[') {
            array = new JsonFactory(JSON).createParser(in);
            array.nextToken();
        } else {
            lines = new ByteLines(in);
        }
    }

    private static int firstNonBlank(InputStream in) throws IOException {
        in.mark(64 * 1024);
        int c;
        do {
            c = in.read();
        } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xFEFF);
        in.reset();
        return c;
    }

    /** The next record, or null at the end of the object. */
    @Override
    public S3Record next() throws IOException {
        while (!done) {
            byte[] value;
            try {
                value = array != null ? nextElement() : nextLine();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                done = true;
                consumed++;
                if (consumed <= split.linesConsumed()) {
                    return null;
                }
                return invalid(
                        "the JSON array is broken here, so the rest of the object is not read: "
                                + e.getOriginalMessage(),
                        e.getLocation() == null ? -1 : e.getLocation().getLineNr(),
                        new byte[0]);
            }
            if (value == null) {
                continue;
            }
            S3Record record = decode(value);
            if (record != null) {
                return record;
            }
        }
        return null;
    }

    private byte[] nextLine() throws IOException {
        byte[] line = lines.next();
        if (line == null) {
            done = true;
            return null;
        }
        consumed++;
        if (consumed <= split.linesConsumed() || ByteLines.isBlank(line)) {
            return null; // read before a restore, or nothing
        }
        return line;
    }

    private byte[] nextElement() throws IOException {
        JsonToken token = array.nextToken();
        if (token == null || token == JsonToken.END_ARRAY) {
            done = true;
            return null;
        }
        consumed++;
        if (consumed <= split.linesConsumed()) {
            array.skipChildren(); // read before a restore
            return null;
        }
        // the element's own bytes, copied token by token (no tree): decoded next, and kept as
        // the payload of an invalid row
        elementBytes.reset();
        try (JsonGenerator copy = JSON.getFactory().createGenerator(elementBytes)) {
            copy.copyCurrentStructure(array);
        }
        return elementBytes.toByteArray();
    }

    private S3Record invalid(String reason, long line, byte[] value) {
        return new S3Record(
                Either.Right(new InvalidRow(reason, origin + "#line " + line, value)),
                null,
                consumed);
    }

    private S3Record decode(byte[] value) {
        long line = array != null ? array.currentLocation().getLineNr() : consumed;
        try {
            Optional<Row> row =
                    envelopes != null
                            ? envelopes.decode(value)
                            : Optional.of(decoder.decode(value));
            if (row.isEmpty()) {
                return null;
            }
            Object cursor = cursorIndex < 0 ? null : row.get().getField(cursorIndex);
            if (cursor != null
                    && split.rowsFrom() != null
                    && CursorValues.compare(cursor, split.rowsFrom()) < 0) {
                skippedRows.inc();
                return null;
            }
            return new S3Record(Either.Left(row.get()), cursor, consumed);
        } catch (RowDecodeException e) {
            return invalid(e.getMessage(), line, value);
        }
    }

    @Override
    public void close() throws IOException {
        if (array != null) {
            array.close();
        }
        stream.close();
    }
}
