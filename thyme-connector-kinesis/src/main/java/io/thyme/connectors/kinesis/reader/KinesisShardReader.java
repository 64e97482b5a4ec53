package io.thyme.connectors.kinesis.reader;

import io.thyme.cdc.DebeziumEnvelopeDecoder;
import io.thyme.connectors.kinesis.KinesisClients;
import io.thyme.connectors.kinesis.KinesisConnection;
import io.thyme.connectors.kinesis.split.KinesisShardSplit;
import io.thyme.event.InvalidRow;
import io.thyme.event.JsonRowDecoder;
import io.thyme.event.RowDecodeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.metrics.Counter;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Polls the reader's shards in turn with GetRecords. A shard whose next iterator is null has been
 * read to its end (it was split or merged) and is finished. When no shard had records the fetch
 * waits a little, so an idle stream costs a few calls a second per shard.
 */
final class KinesisShardReader implements SplitReader<KinesisRecord, KinesisShardSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisShardReader.class);
    private static final int LIMIT = 1_000;
    private static final long IDLE_WAIT_MILLIS = 200;

    /** AWS allows 5 GetRecords calls a second per shard: one every 200 ms. */
    static final long MIN_READ_INTERVAL_MILLIS = 200;

    /** The longest wait after throttling or failures, doubling from the read interval. */
    static final long MAX_BACKOFF_MILLIS = 10_000;

    private final KinesisConnection connection;
    private final String stream;
    private final JsonRowDecoder decoder;
    private final DebeziumEnvelopeDecoder envelopes;
    private final Counter throttled;
    private final java.util.function.Supplier<KinesisClient> clients;
    private final Map<String, Shard> shards = new LinkedHashMap<>();
    private final Object idle = new Object();
    private KinesisClient client;
    private volatile boolean wakeUp;

    private static final class Shard {
        final KinesisShardSplit split;
        String lastSequenceNumber;
        String iterator;
        long nextReadAt;
        long backoffMillis = MIN_READ_INTERVAL_MILLIS;

        Shard(KinesisShardSplit split) {
            this.split = split;
            this.lastSequenceNumber = split.lastSequenceNumber();
        }
    }

    KinesisShardReader(
            KinesisConnection connection,
            String stream,
            JsonRowDecoder decoder,
            DebeziumEnvelopeDecoder envelopes,
            Counter throttled) {
        this(
                connection,
                stream,
                decoder,
                envelopes,
                throttled,
                () -> KinesisClients.create(connection));
    }

    /** With the Kinesis client {@code clients} makes (a test's fake one, say). */
    KinesisShardReader(
            KinesisConnection connection,
            String stream,
            JsonRowDecoder decoder,
            DebeziumEnvelopeDecoder envelopes,
            Counter throttled,
            java.util.function.Supplier<KinesisClient> clients) {
        this.connection = connection;
        this.stream = stream;
        this.decoder = decoder;
        this.envelopes = envelopes;
        this.throttled = throttled;
        this.clients = clients;
    }

    @Override
    public RecordsWithSplitIds<KinesisRecord> fetch() {
        if (client == null) {
            client = clients.get();
        }
        RecordsBySplits.Builder<KinesisRecord> batch = new RecordsBySplits.Builder<>();
        boolean anyRecords = false;
        for (Shard shard : new ArrayList<>(shards.values())) {
            long now = System.currentTimeMillis();
            if (now < shard.nextReadAt) {
                continue;
            }
            shard.nextReadAt = now + MIN_READ_INTERVAL_MILLIS;
            try {
                if (shard.iterator == null) {
                    shard.iterator = iterator(shard);
                }
                GetRecordsResponse response =
                        client.getRecords(b -> b.shardIterator(shard.iterator).limit(LIMIT));
                for (Record record : response.records()) {
                    batch.add(shard.split.shardId(), decode(shard, record));
                    shard.lastSequenceNumber = record.sequenceNumber();
                    anyRecords = true;
                }
                shard.backoffMillis = MIN_READ_INTERVAL_MILLIS;
                shard.iterator = response.nextShardIterator();
                if (shard.iterator == null) {
                    batch.addFinishedSplit(shard.split.shardId());
                    shards.remove(shard.split.shardId());
                }
            } catch (ExpiredIteratorException e) {
                shard.iterator = null;
            } catch (ProvisionedThroughputExceededException e) {
                throttled.inc();
                backOff(shard, now);
            } catch (SdkException e) {
                LOG.warn(
                        "Reading shard {} of Kinesis stream {} failed; retrying in {} ms: {}",
                        shard.split.shardId(),
                        stream,
                        shard.backoffMillis * 2,
                        e.getMessage());
                shard.iterator = null;
                backOff(shard, now);
            }
        }
        if (!anyRecords) {
            waitIdle();
        }
        return batch.build();
    }

    /** Waits twice as long as last time before the shard's next read, up to the maximum. */
    private static void backOff(Shard shard, long now) {
        shard.backoffMillis = Math.min(MAX_BACKOFF_MILLIS, shard.backoffMillis * 2);
        shard.nextReadAt = now + shard.backoffMillis;
    }

    private String iterator(Shard shard) {
        GetShardIteratorRequest.Builder request =
                GetShardIteratorRequest.builder().streamName(stream).shardId(shard.split.shardId());
        if (shard.lastSequenceNumber != null) {
            request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                    .startingSequenceNumber(shard.lastSequenceNumber);
        } else if (shard.split.startAt() == null) {
            request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
        } else {
            request.shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
                    .timestamp(shard.split.startAt());
        }
        return client.getShardIterator(request.build()).shardIterator();
    }

    private KinesisRecord decode(Shard shard, Record record) {
        byte[] value = record.data().asByteArray();
        try {
            Optional<Row> row =
                    envelopes != null
                            ? envelopes.decode(value)
                            : Optional.of(decoder.decode(value));
            return new KinesisRecord(
                    row.map(Either::<Row, InvalidRow>Left).orElse(null), record.sequenceNumber());
        } catch (RowDecodeException e) {
            return new KinesisRecord(
                    Either.Right(
                            new InvalidRow(
                                    e.getMessage(),
                                    "kinesis://"
                                            + stream
                                            + "/"
                                            + shard.split.shardId()
                                            + "@"
                                            + record.sequenceNumber(),
                                    value)),
                    record.sequenceNumber());
        }
    }

    private void waitIdle() {
        synchronized (idle) {
            if (!wakeUp) {
                try {
                    idle.wait(IDLE_WAIT_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            wakeUp = false;
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<KinesisShardSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException(
                    "unexpected split change " + change.getClass().getSimpleName());
        }
        for (KinesisShardSplit split : change.splits()) {
            shards.put(split.shardId(), new Shard(split));
        }
    }

    @Override
    public void wakeUp() {
        synchronized (idle) {
            wakeUp = true;
            idle.notifyAll();
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
