package io.thyme.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.conf.DeliveryGuarantee;
import io.thyme.conf.SinkConf;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransactionTimeoutTest {
    private static SinkConf sink(Optional<Duration> timeout) {
        return new SinkConf("local", "", DeliveryGuarantee.EXACTLY_ONCE, "thyme", timeout);
    }

    @Test
    void derivesFromTheCheckpointInterval() {
        assertThat(TransactionTimeout.of(sink(Optional.empty()), Duration.ofSeconds(10)))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(TransactionTimeout.of(sink(Optional.empty()), Duration.ofMinutes(10)))
                .isEqualTo(Duration.ofMinutes(50));
        assertThat(
                        TransactionTimeout.of(
                                sink(Optional.of(Duration.ofMinutes(3))), Duration.ofSeconds(10)))
                .isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void fitsKafkasDefaultBrokerMaximumForShortIntervals() {
        assertThat(
                        TransactionTimeout.problem(
                                sink(Optional.empty()), Duration.ofSeconds(10), 900_000, "local"))
                .isEmpty();
    }

    @Test
    void explainsABrokerMaximumThatIsTooLow() {
        assertThat(
                        TransactionTimeout.problem(
                                sink(Optional.empty()), Duration.ofMinutes(10), 900_000, "local"))
                .hasValueSatisfying(
                        m ->
                                assertThat(m)
                                        .contains("transactions of 3000000 ms")
                                        .contains("max(15m, 5 x checkpoint interval 10m)")
                                        .contains("transaction.max.timeout.ms=900000")
                                        .contains(
                                                "Raise transaction.max.timeout.ms on the brokers"));
    }

    @Test
    void refusesATimeoutShorterThanTheCheckpointInterval() {
        assertThat(
                        TransactionTimeout.problem(
                                sink(Optional.of(Duration.ofMinutes(1))),
                                Duration.ofMinutes(5),
                                900_000,
                                "local"))
                .hasValueSatisfying(
                        m ->
                                assertThat(m)
                                        .contains(
                                                "must be longer than the checkpoint interval 5m"));
    }
}
