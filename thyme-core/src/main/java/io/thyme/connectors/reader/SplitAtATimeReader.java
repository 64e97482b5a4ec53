package io.thyme.connectors.reader;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

/**
 * A split reader for sources whose splits are finite (files, objects): reads its splits one after
 * the other, up to {@value #BATCH} records per fetch, and reports a split finished at its end.
 */
public abstract class SplitAtATimeReader<R, S extends SourceSplit> implements SplitReader<R, S> {
    private static final int BATCH = 1_000;

    private final Queue<S> splits = new ArrayDeque<>();
    private S current;
    private SplitRecords<R> records;

    /** Opens a split's records, starting after the position the split holds. */
    protected abstract SplitRecords<R> open(S split) throws IOException;

    /** Called when a split was read to its end. */
    protected void finished(S split) {}

    /** Releases what the subclass opened (clients, tables). */
    protected void closeResources() throws Exception {}

    @Override
    public RecordsWithSplitIds<R> fetch() throws IOException {
        RecordsBySplits.Builder<R> batch = new RecordsBySplits.Builder<>();
        if (current == null) {
            current = splits.poll();
            if (current == null) {
                return batch.build();
            }
            records = open(current);
        }
        for (int i = 0; i < BATCH; i++) {
            R record = records.next();
            if (record == null) {
                records.close();
                finished(current);
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
    public void handleSplitsChanges(SplitsChange<S> change) {
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
        closeResources();
    }
}
