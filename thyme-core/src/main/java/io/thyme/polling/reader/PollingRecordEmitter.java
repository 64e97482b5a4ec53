package io.thyme.polling.reader;

import io.thyme.event.InvalidRow;
import io.thyme.polling.PolledEvents;
import io.thyme.polling.PolledRecord;
import io.thyme.polling.split.PollingSplitState;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.types.Either;

/**
 * Emits each row a poll read unless it was emitted before (a cursor window's re-read), then
 * advances the split's position. At the end of a poll it adopts the position the poll reached and,
 * if the poll found nothing new, moves the split's watermark to the poll's quiet watermark (its
 * start, or the start of the oldest transaction still open, minus max_lateness), so a quiet table
 * does not hold event time back.
 */
final class PollingRecordEmitter<E>
        implements RecordEmitter<PolledRecord, Either<E, InvalidRow>, PollingSplitState> {
    private final PollingMetrics metrics;
    private final PolledEvents<E> events;

    PollingRecordEmitter(PollingMetrics metrics, PolledEvents<E> events) {
        this.metrics = metrics;
        this.events = events;
    }

    @Override
    public void emitRecord(
            PolledRecord record,
            SourceOutput<Either<E, InvalidRow>> output,
            PollingSplitState split) {
        switch (record.kind()) {
            case SNAPSHOT_TAKEN:
                split.snapshotTaken(record.snapshotXmin(), record.snapshotXmax());
                return;
            case END_OF_POLL:
                split.pollEnded(record.position());
                long newRows = split.takeNewRowsInPoll();
                metrics.pollCompleted(newRows, record.pollDurationMillis(), split.newestCursor());
                if (newRows == 0) {
                    output.emitWatermark(new Watermark(record.quietWatermarkMillis()));
                }
                return;
            default:
                if (split.isNew(record)) {
                    output.collect(events.emitted(record));
                    split.markEmitted(record);
                }
        }
    }
}
