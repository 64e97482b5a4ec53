package io.thyme.polling.reader;

import io.thyme.event.InvalidRow;
import io.thyme.polling.PolledRecord;
import io.thyme.polling.PollingSettings;
import io.thyme.polling.split.PollingSplitState;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * Emits each row a poll read unless it was emitted before (a re-read of the overlap window), then
 * advances the split's position. At the end of a poll it forgets rows that left the window and, if
 * the poll found nothing new, moves the split's watermark to the poll's start minus max_lateness,
 * so a quiet table does not hold event time back.
 */
final class PollingRecordEmitter
        implements RecordEmitter<PolledRecord, Either<Row, InvalidRow>, PollingSplitState> {
    private final PollingSettings settings;
    private final PollingMetrics metrics;

    PollingRecordEmitter(PollingSettings settings, PollingMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void emitRecord(
            PolledRecord record,
            SourceOutput<Either<Row, InvalidRow>> output,
            PollingSplitState split) {
        if (record.isEndOfPoll()) {
            split.forgetBefore(settings.overlap());
            long newRows = split.takeNewRowsInPoll();
            metrics.pollCompleted(newRows, record.pollDurationMillis(), split.highWaterMark());
            if (newRows == 0) {
                output.emitWatermark(
                        new Watermark(
                                record.pollStartMillis() - settings.overlap().toMillis() - 1));
            }
            return;
        }
        if (split.wasEmitted(record)) {
            return;
        }
        output.collect(record.decoded());
        split.markEmitted(record);
    }
}
