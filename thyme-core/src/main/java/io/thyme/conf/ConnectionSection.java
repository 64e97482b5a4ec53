package io.thyme.conf;

import java.util.Objects;

/**
 * A top-level section of {@code conf/thyme.yaml} that a connector owns, e.g. {@code postgres:}: a
 * mapping of names to connections that specs refer to ({@code database: prod}). The core reads the
 * file and hands each entry to the section's reader; it knows no section but {@code kafka:}, which
 * the sink writes to.
 *
 * @param key the top-level key, e.g. {@code postgres}
 * @param entryNoun what one entry is, for messages, e.g. {@code database}
 * @param type the class of a connection, for typed lookups
 * @param reader reads one entry, recording its problems
 */
public record ConnectionSection<C>(
        String key, String entryNoun, Class<C> type, EntryReader<C> reader) {

    public ConnectionSection {
        Objects.requireNonNull(key);
        Objects.requireNonNull(entryNoun);
        Objects.requireNonNull(type);
        Objects.requireNonNull(reader);
    }

    /** Reads one named entry of a section. */
    @FunctionalInterface
    public interface EntryReader<C> {
        /** The connection the entry declares; its problems are recorded in {@code entry}. */
        C read(ConnectionEntry entry);
    }
}
