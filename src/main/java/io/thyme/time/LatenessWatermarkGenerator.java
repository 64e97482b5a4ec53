package io.thyme.time;

import io.thyme.event.InvalidRow;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * The watermark trails the newest event time seen by {@code max_lateness}: after an event at time
 * T, the watermark is {@code T - max_lateness - 1ms}, so an event at exactly {@code T -
 * max_lateness} is on time and anything older is late. The watermark is emitted as soon as it
 * advances (not only on the periodic tick), so whether an event is late depends on the events
 * before it, not on timing. Invalid rows carry no event time and do not move it.
 */
public final class LatenessWatermarkGenerator
        implements WatermarkGenerator<Either<Row, InvalidRow>> {
    private final long maxLatenessMillis;
    private long maxEventTime = Long.MIN_VALUE;
    private long lastEmitted = Long.MIN_VALUE;

    public LatenessWatermarkGenerator(long maxLatenessMillis) {
        this.maxLatenessMillis = maxLatenessMillis;
    }

    @Override
    public void onEvent(
            Either<Row, InvalidRow> event, long eventTimestamp, WatermarkOutput output) {
        if (event.isRight() || eventTimestamp <= maxEventTime) {
            return;
        }
        maxEventTime = eventTimestamp;
        emit(output);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (lastEmitted != Long.MIN_VALUE) {
            output.emitWatermark(new Watermark(lastEmitted));
        }
    }

    private void emit(WatermarkOutput output) {
        long watermark = maxEventTime - maxLatenessMillis - 1;
        if (watermark > lastEmitted) {
            lastEmitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
