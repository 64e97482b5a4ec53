package io.thyme.connectors.s3.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.connectors.s3.S3Connection;
import io.thyme.connectors.s3.split.S3ObjectSplit;
import io.thyme.event.EventSchema;
import io.thyme.event.JsonRowDecoder;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.SpecLoader;
import io.thyme.testing.LocalS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The object reader on a local directory: an object gone after its listing is skipped, counted. */
class S3ObjectSplitReaderTest {
    @TempDir Path dir;

    private S3ObjectSplitReader reader(Counter gone) {
        S3Connection files = new S3Connection("files", dir.toUri().toString(), "", false, "", "");
        DatasetSpec dataset =
                new SpecLoader(LocalS3.conf("127.0.0.1:9092", "", Duration.ofSeconds(1), files))
                        .parse(
                                "t.yaml",
                                String.join(
                                        "\n",
                                        "dataset:",
                                        "  name: Transaction",
                                        "  fields:",
                                        "    user_id: {type: str, key: true}",
                                        "    amount: {type: float}",
                                        "    ts: {type: datetime, timestamp: true}",
                                        "source:",
                                        "  connector: {kind: S3JsonSource, connection: files,"
                                                + " bucket: bucket}",
                                        "  cursor: ts",
                                        "  every: 1s",
                                        ""))
                        .dataset();
        return new S3ObjectSplitReader(
                files,
                "bucket",
                new JsonRowDecoder(new EventSchema(dataset)),
                null,
                -1,
                new SimpleCounter(),
                gone);
    }

    @Test
    void anObjectDeletedAfterItsListingIsSkippedAndCounted() throws Exception {
        Files.createDirectories(dir.resolve("bucket"));
        Files.writeString(
                dir.resolve("bucket/there.jsonl"),
                "{\"user_id\":\"a\",\"amount\":1.5,\"ts\":\"2024-05-01T10:00:00Z\"}\n");
        SimpleCounter gone = new SimpleCounter();
        S3ObjectSplitReader reader = reader(gone);
        S3ObjectSplit deleted = S3ObjectSplit.of("deleted.jsonl", 1L, 10L, null, 0);
        S3ObjectSplit there = S3ObjectSplit.of("there.jsonl", 1L, 10L, null, 0);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(deleted, there)));

        RecordsWithSplitIds<S3Record> first = reader.fetch();
        assertThat(first.finishedSplits()).containsExactly(deleted.splitId());
        assertThat(gone.getCount()).isEqualTo(1);

        RecordsWithSplitIds<S3Record> second = reader.fetch();
        assertThat(second.nextSplit()).isEqualTo(there.splitId());
        assertThat(second.nextRecordFromSplit()).isNotNull();
        reader.close();
    }

    private static String row(String user) {
        return "{\"user_id\":\"" + user + "\",\"amount\":1.5,\"ts\":\"2024-05-01T10:00:00Z\"}";
    }

    private List<String> usersRead(S3ObjectSplit split) throws Exception {
        S3ObjectSplitReader reader = reader(new SimpleCounter());
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(split)));
        List<String> users = new java.util.ArrayList<>();
        RecordsWithSplitIds<S3Record> batch = reader.fetch();
        if (batch.nextSplit() != null) {
            for (S3Record r = batch.nextRecordFromSplit();
                    r != null;
                    r = batch.nextRecordFromSplit()) {
                users.add(String.valueOf(r.decoded().left().getField(0)));
            }
        }
        reader.close();
        return users;
    }

    @Test
    void aRestoredSplitResumesAfterTheLinesAndElementsItHadRead() throws Exception {
        Files.createDirectories(dir.resolve("bucket"));
        Files.writeString(
                dir.resolve("bucket/lines.jsonl"),
                row("a") + "\n\n" + row("b") + "\n" + row("c") + "\n");
        Files.writeString(
                dir.resolve("bucket/array.json"),
                "[" + row("a") + ", " + row("b") + ",\n " + row("c") + "]");
        for (String key : List.of("lines.jsonl", "array.json")) {
            S3ObjectSplit fresh = S3ObjectSplit.of(key, 1L, 10L, null, 0);
            assertThat(usersRead(fresh)).as(key).containsExactly("a", "b", "c");
            int afterB = key.endsWith(".jsonl") ? 3 : 2; // lines (a blank one too) or elements
            assertThat(usersRead(fresh.at(afterB, null, S3ObjectSplit.NO_EVENT_TIME)))
                    .as(key)
                    .containsExactly("c");
        }
    }
}
