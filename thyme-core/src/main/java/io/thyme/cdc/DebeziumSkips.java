package io.thyme.cdc;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records that a Debezium topic carries besides row changes, skipped on purpose: each kind has a
 * counter (in the source's metric group once {@link #register} ran) and is logged with its reason
 * the first time, at debug level after that.
 */
final class DebeziumSkips {
    private static final Logger LOG = LoggerFactory.getLogger(DebeziumEnvelopeDecoder.class);

    /** Why a record is not a change of the dataset. */
    enum Kind {
        TOMBSTONE(
                "numDebeziumTombstonesSkipped",
                "a tombstone (no value): Debezium writes one after each delete for log"
                        + " compaction; the delete itself is published"),
        TRUNCATE(
                "numDebeziumTruncatesSkipped",
                "a truncate (op 't'): it removes every row of the table but names no key, so no"
                        + " tombstone can be published for it; re-snapshot the table, or delete"
                        + " the rows instead of truncating, if downstream must see them go"),
        MESSAGE(
                "numDebeziumMessagesSkipped",
                "a logical decoding message (op 'm', pg_logical_emit_message): not a row change"),
        TRANSACTION(
                "numDebeziumTransactionRecordsSkipped",
                "transaction metadata (BEGIN/END, provide.transaction.metadata): not a row change"),
        HEARTBEAT(
                "numDebeziumHeartbeatsSkipped",
                "a heartbeat (heartbeat.interval.ms): not a row change");

        final String metric;
        final String reason;

        Kind(String metric, String reason) {
            this.metric = metric;
            this.reason = reason;
        }
    }

    private final Counter[] counters = new Counter[Kind.values().length];
    private final boolean[] logged = new boolean[Kind.values().length];

    DebeziumSkips() {
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new SimpleCounter();
        }
    }

    void register(MetricGroup group) {
        for (Kind kind : Kind.values()) {
            counters[kind.ordinal()] = group.counter(kind.metric);
        }
    }

    void skip(Kind kind) {
        counters[kind.ordinal()].inc();
        if (!logged[kind.ordinal()]) {
            logged[kind.ordinal()] = true;
            LOG.info(
                    "Skipping Debezium records that are {} (counted in {}; later ones are logged"
                            + " at debug level)",
                    kind.reason,
                    kind.metric);
        } else {
            LOG.debug("Skipping a Debezium record that is {}", kind.reason);
        }
    }

    long count(Kind kind) {
        return counters[kind.ordinal()].getCount();
    }
}
