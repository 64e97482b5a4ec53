package io.thyme.sink;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The Kafka record headers the sink writes; the README documents each. */
public final class Headers {
    /** On the events topic: {@code insert}, {@code update} or {@code delete}. */
    public static final String CHANGE = "thyme.change";

    /** On {@code .late} and {@code .errors}: why the record is there. */
    public static final String REASON = "thyme.reason";

    /** On {@code .errors}: where the row came from, e.g. {@code kafka://orders/0@17}. */
    public static final String ORIGIN = "thyme.origin";

    /** On {@code .late}: the watermark the event arrived behind, ISO-8601. */
    public static final String WATERMARK = "thyme.watermark";

    /** On {@code .errors}: {@code true} when the payload was cut to fit the sink's size limit. */
    public static final String TRUNCATED = "thyme.truncated";

    private static final RecordHeaders INSERT = change("insert");
    private static final RecordHeaders UPDATE = change("update");
    private static final RecordHeaders DELETE = change("delete");

    private Headers() {}

    private static RecordHeaders change(String value) {
        return new RecordHeaders(
                new Header[] {new RecordHeader(CHANGE, value.getBytes(StandardCharsets.UTF_8))});
    }

    /**
     * The events topic's headers for one change, made once per kind since this runs for every
     * event. Shared: only for a {@code ProducerRecord}, which copies the headers it is given (and
     * copies a {@code RecordHeaders} fastest); never to be changed.
     */
    static Iterable<Header> ofChange(String change) {
        return switch (change) {
            case "insert" -> INSERT;
            case "update" -> UPDATE;
            case "delete" -> DELETE;
            default -> throw new IllegalArgumentException("unknown change " + change);
        };
    }

    static RecordHeaders of(String... namesAndValues) {
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                headers.add(
                        namesAndValues[i], namesAndValues[i + 1].getBytes(StandardCharsets.UTF_8));
            }
        }
        return headers;
    }
}
