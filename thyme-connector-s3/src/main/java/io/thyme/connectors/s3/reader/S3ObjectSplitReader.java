package io.thyme.connectors.s3.reader;

import io.thyme.cdc.DebeziumEnvelopeDecoder;
import io.thyme.connectors.reader.SplitAtATimeReader;
import io.thyme.connectors.reader.SplitRecords;
import io.thyme.connectors.s3.ObjectGoneException;
import io.thyme.connectors.s3.ObjectStore;
import io.thyme.connectors.s3.S3Connection;
import io.thyme.connectors.s3.split.S3ObjectSplit;
import io.thyme.event.JsonRowDecoder;
import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the reader's objects one after the other; an object deleted since its listing is skipped.
 */
final class S3ObjectSplitReader extends SplitAtATimeReader<S3Record, S3ObjectSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectSplitReader.class);

    private final S3Connection connection;
    private final String bucket;
    private final JsonRowDecoder decoder;
    private final DebeziumEnvelopeDecoder envelopes;
    private final int cursorIndex;
    private final Counter skippedRows;
    private final Counter gone;
    private ObjectStore store;

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
    protected SplitRecords<S3Record> open(S3ObjectSplit split) throws IOException {
        if (store == null) {
            store = ObjectStore.open(connection, bucket);
        }
        InputStream content;
        try {
            content = store.open(split.key());
        } catch (ObjectGoneException e) {
            LOG.warn("Skipping an object deleted after it was listed: {}", e.getMessage());
            gone.inc();
            return SplitRecords.empty();
        }
        return new S3ObjectRecords(
                split,
                content,
                store.originOf(split.key()),
                decoder,
                envelopes,
                cursorIndex,
                skippedRows);
    }

    @Override
    protected void closeResources() {
        if (store != null) {
            store.close();
        }
    }
}
