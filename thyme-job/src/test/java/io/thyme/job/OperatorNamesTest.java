package io.thyme.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.SpecCases;
import io.thyme.testing.TestConf;
import org.junit.jupiter.api.Test;

/**
 * Operator uids are what savepoints map state by: they must not change between builds. These are
 * frozen; changing one breaks every user's restore.
 */
class OperatorNamesTest {
    private final JobSpec spec =
            new SpecLoader(TestConf.withKafka("127.0.0.1:9092"))
                    .parse(
                            "t.yaml",
                            SpecCases.transactions(
                                    "{kind: KafkaSource, cluster: local, topic: transactions}",
                                    "",
                                    ""));

    @Test
    void uidsDependOnlyOnTheDatasetAndTheRole() {
        OperatorNames names = new OperatorNames(spec);
        assertThat(names.uid("source")).isEqualTo("thyme-transaction-source");
        assertThat(names.uid("decode")).isEqualTo("thyme-transaction-decode");
        assertThat(names.uid("late-filter")).isEqualTo("thyme-transaction-late-filter");
        assertThat(names.uid("sink-events")).isEqualTo("thyme-transaction-sink-events");
    }

    @Test
    void namesReadWellInTheFlinkUi() {
        OperatorNames names = new OperatorNames(spec);
        assertThat(names.sourceName()).isEqualTo("Transaction: KafkaSource");
        assertThat(names.lateFilterName()).isEqualTo("Transaction: late events > 5m");
        assertThat(names.sinkName("Transaction.late"))
                .isEqualTo("Transaction: Kafka Transaction.late");
    }
}
