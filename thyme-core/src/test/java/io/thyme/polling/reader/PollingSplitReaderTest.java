package io.thyme.polling.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.polling.Poll;
import io.thyme.polling.PolledRecord;
import io.thyme.polling.PollingSettings;
import io.thyme.polling.SplitPoller;
import io.thyme.polling.position.PollPosition;
import io.thyme.polling.split.PollingSplit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class PollingSplitReaderTest {

    /** A poller whose every poll returns {@code batches} batches of one row. */
    private static final class BatchesPoller implements SplitPoller {
        private final int batches;

        BatchesPoller(int batches) {
            this.batches = batches;
        }

        @Override
        public Poll open(PollingSplit split) {
            return new Poll() {
                private int returned;

                @Override
                public List<PolledRecord> next(int limit) {
                    returned++;
                    return List.of(PolledRecord.row(null, (long) returned, returned));
                }

                @Override
                public boolean done() {
                    return returned >= batches;
                }

                @Override
                public PollPosition end() {
                    return split.position();
                }

                @Override
                public PollPosition resumePosition() {
                    return split.position();
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public void close() {}
    }

    @Test
    void longPollsOfSeveralSplitsTakeTurnsBatchByBatch() {
        PollingSplitReader reader =
                new PollingSplitReader(
                        new BatchesPoller(3),
                        new PollingSettings(Duration.ofHours(1), Duration.ZERO, 1, 2),
                        new PollingMetrics(new UnregisteredMetricsGroup()),
                        java.util.function.UnaryOperator.identity());
        reader.handleSplitsChanges(
                new SplitsAddition<>(
                        List.of(PollingSplit.initial(0, 2), PollingSplit.initial(1, 2))));
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            RecordsWithSplitIds<PolledRecord> batch = reader.fetch();
            served.add(batch.nextSplit());
        }
        assertThat(served)
                .containsExactly(
                        "bucket-0-of-2",
                        "bucket-1-of-2",
                        "bucket-0-of-2",
                        "bucket-1-of-2",
                        "bucket-0-of-2",
                        "bucket-1-of-2");
    }
}
