package io.thyme.event;

/**
 * A row that did not fit the dataset's schema: what was received, where it came from, and why it
 * was refused. It goes to {@code <topic>.errors}. A Flink POJO, so it needs no Kryo.
 */
public class InvalidRow {
    /** Why the row was refused, e.g. {@code field 'amount': expected a number, found "abc"}. */
    public String reason;

    /** Where the row came from, e.g. {@code kafka://transactions/0@42}. */
    public String origin;

    /** The row as received, or null when it had no bytes. */
    public byte[] payload;

    public InvalidRow() {}

    public InvalidRow(String reason, String origin, byte[] payload) {
        this.reason = reason;
        this.origin = origin;
        this.payload = payload;
    }

    @Override
    public String toString() {
        return "InvalidRow{origin=" + origin + ", reason=" + reason + "}";
    }
}
