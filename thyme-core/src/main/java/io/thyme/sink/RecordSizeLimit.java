package io.thyme.sink;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Keeps every record the sink writes within the producer's {@code max.request.size}, which Kafka
 * would otherwise refuse by failing the sink's task: an event too large for it goes to {@code
 * .errors} instead, its value cut to the first 64 KB, with the reason; a refused row's payload is
 * cut the same way, and its reason and origin to their first 1,000 characters.
 */
public final class RecordSizeLimit implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What Kafka's producer allows when the sink's configuration does not say. */
    static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

    /** Bytes of a too-large value kept in {@code .errors}: enough to find the record. */
    static final int KEPT_BYTES = 64 * 1024;

    /** Characters of a header text kept: enough for any reason and to find the value. */
    static final int KEPT_HEADER_CHARS = 1_000;

    /** Room for the record's framing and the headers this class adds. */
    private static final int OVERHEAD = 2048;

    private final int maxBytes;
    private final String errorsTopic;

    RecordSizeLimit(int maxBytes, String errorsTopic) {
        this.maxBytes = maxBytes;
        this.errorsTopic = errorsTopic;
    }

    /** The limit of a producer configured with {@code producer}, diverting to {@code errors}. */
    public static RecordSizeLimit of(Properties producer, String errorsTopic) {
        String configured = producer.getProperty("max.request.size");
        int maxBytes =
                configured == null ? DEFAULT_MAX_REQUEST_SIZE : Integer.parseInt(configured.trim());
        return new RecordSizeLimit(maxBytes, errorsTopic);
    }

    /** The record itself, or, when Kafka would refuse its size, its cut-down form in .errors. */
    ProducerRecord<byte[], byte[]> fit(ProducerRecord<byte[], byte[]> record, String what) {
        long size = size(record);
        if (size + OVERHEAD <= maxBytes) {
            return record;
        }
        String reason =
                String.format(
                        "%s is %,d bytes, more than the sink's max.request.size %,d; raise"
                                + " max.request.size under the sink's Kafka connection (and the"
                                + " topic's max.message.bytes), or shorten the field",
                        what, size, maxBytes);
        return new ProducerRecord<>(
                errorsTopic,
                null,
                record.timestamp(),
                null,
                cut(record.value()),
                Headers.of(
                        Headers.REASON,
                        reason,
                        Headers.ORIGIN,
                        record.topic(),
                        Headers.TRUNCATED,
                        "true"));
    }

    /**
     * The payload of a refused row itself, or its first 64 KB when Kafka would refuse it next to
     * {@code headers} (what the record's headers hold besides).
     */
    byte[] fitPayload(byte[] payload, String... headers) {
        long size = payload == null ? 0 : payload.length;
        for (String header : headers) {
            size += header == null ? 0 : header.getBytes(StandardCharsets.UTF_8).length;
        }
        return payload != null && size + OVERHEAD > maxBytes ? cut(payload) : payload;
    }

    /**
     * A header text (a refused row's reason, which may quote the value at fault, or its origin)
     * itself, or its first {@value #KEPT_HEADER_CHARS} characters and how long it was: Kafka counts
     * headers in the record's size too.
     */
    static String fitHeader(String text) {
        if (text == null || text.length() <= KEPT_HEADER_CHARS) {
            return text;
        }
        int end = KEPT_HEADER_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return String.format(
                "%s... (cut from %,d characters)", text.substring(0, end), text.length());
    }

    private static byte[] cut(byte[] value) {
        return value == null || value.length <= KEPT_BYTES
                ? value
                : Arrays.copyOf(value, KEPT_BYTES);
    }

    private static long size(ProducerRecord<byte[], byte[]> record) {
        long size = 0;
        size += record.key() == null ? 0 : record.key().length;
        size += record.value() == null ? 0 : record.value().length;
        for (Header header : record.headers()) {
            size += header.key().getBytes(StandardCharsets.UTF_8).length;
            size += header.value() == null ? 0 : header.value().length;
        }
        return size;
    }
}
