package io.thyme.sink;

import io.thyme.conf.SinkConf;
import io.thyme.spec.DurationParser;
import java.time.Duration;
import java.util.Optional;

/**
 * The Kafka transaction timeout of the exactly-once sink. A transaction stays open from one
 * checkpoint to the next and, after a failure, until the job has recovered and committed it; if it
 * times out first, its records are lost. Unless the conf sets one, the timeout is the larger of 15
 * minutes (Kafka's default maximum) and five checkpoint intervals.
 */
public final class TransactionTimeout {
    static final Duration FLOOR = Duration.ofMinutes(15);
    static final int INTERVALS = 5;

    private TransactionTimeout() {}

    public static Duration of(SinkConf sink, Duration checkpointInterval) {
        return sink.transactionTimeout()
                .orElseGet(
                        () -> {
                            Duration derived = checkpointInterval.multipliedBy(INTERVALS);
                            return derived.compareTo(FLOOR) > 0 ? derived : FLOOR;
                        });
    }

    /** Why the timeout cannot work with this checkpoint interval and broker, if it cannot. */
    public static Optional<String> problem(
            SinkConf sink, Duration checkpointInterval, long brokerMaxMillis, String cluster) {
        Duration timeout = of(sink, checkpointInterval);
        if (timeout.compareTo(checkpointInterval) <= 0) {
            return Optional.of(
                    String.format(
                            "sink.transaction_timeout %s must be longer than the checkpoint"
                                    + " interval %s: a transaction stays open from one checkpoint"
                                    + " to the next. Raise sink.transaction_timeout or lower"
                                    + " job.checkpoint_interval.",
                            DurationParser.format(timeout),
                            DurationParser.format(checkpointInterval)));
        }
        if (timeout.toMillis() > brokerMaxMillis) {
            String origin =
                    sink.transactionTimeout().isPresent()
                            ? "set by sink.transaction_timeout"
                            : String.format(
                                    "derived as max(15m, %d x checkpoint interval %s)",
                                    INTERVALS, DurationParser.format(checkpointInterval));
            return Optional.of(
                    String.format(
                            "the exactly-once sink needs Kafka transactions of %d ms (%s), but"
                                    + " the brokers of cluster '%s' allow at most"
                                    + " transaction.max.timeout.ms=%d. Raise"
                                    + " transaction.max.timeout.ms on the brokers, or lower"
                                    + " job.checkpoint_interval / sink.transaction_timeout in"
                                    + " conf/thyme.yaml.",
                            timeout.toMillis(), origin, cluster, brokerMaxMillis));
        }
        return Optional.empty();
    }
}
