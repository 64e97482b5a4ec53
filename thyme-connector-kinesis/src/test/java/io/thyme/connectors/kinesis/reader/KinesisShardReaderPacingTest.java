package io.thyme.connectors.kinesis.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.connectors.kinesis.KinesisConnection;
import io.thyme.connectors.kinesis.split.KinesisShardSplit;
import io.thyme.event.EventSchema;
import io.thyme.event.JsonRowDecoder;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalKinesis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;

class KinesisShardReaderPacingTest {

    /** A Kinesis that throttles the first {@code throttled} reads and then has no records. */
    private static final class ThrottlingKinesis implements KinesisClient {
        final List<Long> readTimes = new ArrayList<>();
        int throttled;

        ThrottlingKinesis(int throttled) {
            this.throttled = throttled;
        }

        @Override
        public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
            return GetShardIteratorResponse.builder().shardIterator("it").build();
        }

        @Override
        public GetRecordsResponse getRecords(Consumer<GetRecordsRequest.Builder> request) {
            readTimes.add(System.currentTimeMillis());
            if (throttled > 0) {
                throttled--;
                throw ProvisionedThroughputExceededException.builder().message("slow down").build();
            }
            return GetRecordsResponse.builder().records(List.of()).nextShardIterator("it").build();
        }

        @Override
        public String serviceName() {
            return "kinesis";
        }

        @Override
        public void close() {}
    }

    private static KinesisShardReader reader(ThrottlingKinesis kinesis, SimpleCounter throttled) {
        EventSchema schema =
                new EventSchema(
                        new SpecLoader(
                                        LocalKinesis.conf(
                                                "127.0.0.1:1",
                                                "",
                                                Duration.ofSeconds(1),
                                                LocalKinesis.connection("aws")))
                                .parse(
                                        "k.yaml",
                                        "dataset:\n  name: E\n  fields:\n"
                                                + "    ts: {type: datetime, timestamp: true}\n"
                                                + "source:\n  connector: {kind: KinesisSource,"
                                                + " connection: aws, stream: s}\n")
                                .dataset());
        KinesisShardReader reader =
                new KinesisShardReader(
                        new KinesisConnection("k", "http://127.0.0.1:1", "us-east-1", "a", "b"),
                        "stream",
                        new JsonRowDecoder(schema),
                        null,
                        throttled,
                        () -> kinesis);
        reader.handleSplitsChanges(
                new SplitsAddition<>(
                        List.of(KinesisShardSplit.discovered("shard-0", List.of(), null))));
        return reader;
    }

    @Test
    void readsAShardAtMostFiveTimesASecondAndBacksOffWhenThrottled() {
        ThrottlingKinesis kinesis = new ThrottlingKinesis(3);
        SimpleCounter throttled = new SimpleCounter();
        KinesisShardReader reader = reader(kinesis, throttled);
        for (int fetches = 0; kinesis.readTimes.size() < 7 && fetches < 200; fetches++) {
            reader.fetch();
        }
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < kinesis.readTimes.size(); i++) {
            gaps.add(kinesis.readTimes.get(i) - kinesis.readTimes.get(i - 1));
        }
        assertThat(throttled.getCount()).isEqualTo(3);
        // after each throttled read the wait doubles: 400, 800, 1600 ms
        assertThat(gaps.subList(0, 3))
                .satisfies(g -> assertThat(g.get(0)).isGreaterThanOrEqualTo(400))
                .satisfies(g -> assertThat(g.get(1)).isGreaterThanOrEqualTo(800))
                .satisfies(g -> assertThat(g.get(2)).isGreaterThanOrEqualTo(1600));
        // then, reads succeed and come no closer than 200 ms apart
        assertThat(gaps.subList(3, gaps.size()))
                .allSatisfy(g -> assertThat(g).isGreaterThanOrEqualTo(200));
        reader.close();
    }
}
