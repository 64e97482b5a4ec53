package io.thyme.connectors.s3.reader;

import io.thyme.cdc.DebeziumEnvelopeDecoder;
import io.thyme.conf.S3Connection;
import io.thyme.connectors.s3.ObjectGoneException;
import io.thyme.connectors.s3.ObjectStore;
import io.thyme.connectors.s3.split.S3ObjectSplit;
import io.thyme.event.JsonRowDecoder;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the reader's objects one after the other, a batch of lines per fetch. */
final class S3ObjectSplitReader implements SplitReader<S3Record, S3ObjectSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectSplitReader.class);
    private static final int BATCH = 1_000;

    private final S3Connection connection;
    private final String bucket;
    private final JsonRowDecoder decoder;
    private final DebeziumEnvelopeDecoder envelopes;
    private final int cursorIndex;
    private final Counter skippedRows;
    private final Counter gone;
    private final Queue<S3ObjectSplit> splits = new ArrayDeque<>();
    private ObjectStore store;
    private S3ObjectSplit current;
    private S3ObjectRecords records;

    S3ObjectSplitReader(
            S3Connection connection,
            String bucket,
            JsonRowDecoder decoder,
            DebeziumEnvelopeDecoder envelopes,
            int cursorIndex,
            Counter skippedRows,
            Counter gone) {
        this.connection = connection;
        this.bucket = bucket;
        this.decoder = decoder;
        this.envelopes = envelopes;
        this.cursorIndex = cursorIndex;
        this.skippedRows = skippedRows;
        this.gone = gone;
    }

    @Override
    public RecordsWithSplitIds<S3Record> fetch() throws IOException {
        RecordsBySplits.Builder<S3Record> batch = new RecordsBySplits.Builder<>();
        if (current == null) {
            current = splits.poll();
            if (current == null) {
                return batch.build();
            }
            if (store == null) {
                store = ObjectStore.open(connection, bucket);
            }
            java.io.InputStream content;
            try {
                content = store.open(current.key());
            } catch (ObjectGoneException e) {
                LOG.warn("Skipping an object deleted after it was listed: {}", e.getMessage());
                gone.inc();
                batch.addFinishedSplit(current.splitId());
                current = null;
                return batch.build();
            }
            records =
                    new S3ObjectRecords(
                            current,
                            content,
                            store.originOf(current.key()),
                            decoder,
                            envelopes,
                            cursorIndex,
                            skippedRows);
        }
        for (int i = 0; i < BATCH; i++) {
            S3Record record = records.next();
            if (record == null) {
                records.close();
                batch.addFinishedSplit(current.splitId());
                current = null;
                records = null;
                break;
            }
            batch.add(current.splitId(), record);
        }
        return batch.build();
    }

    @Override
    public void handleSplitsChanges(SplitsChange<S3ObjectSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException(
                    "unexpected split change " + change.getClass().getSimpleName());
        }
        splits.addAll(change.splits());
    }

    @Override
    public void wakeUp() {}

    @Override
    public void close() throws Exception {
        if (records != null) {
            records.close();
        }
        if (store != null) {
            store.close();
        }
    }
}
