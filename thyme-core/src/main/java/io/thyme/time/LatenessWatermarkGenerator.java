package io.thyme.time;

import io.thyme.event.InvalidRow;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.types.Either;

/**
 * The watermark trails the newest event time seen by {@code max_lateness}: after an event at time
 * T, the watermark is {@code T - max_lateness - 1ms}, so an event at exactly {@code T -
 * max_lateness} is on time and anything older is late. The watermark is emitted from the events
 * (not on the periodic tick, which only repeats it), so whether an event is late depends on the
 * events before it, not on timing. It moves in steps of at least {@link #stepMillis}: a tenth of
 * {@code max_lateness}, at most one second (0 for {@code max_lateness} 0: every advance), so
 * time-ordered input does not send a watermark through the job for every record; an event is
 * therefore late once it is more than {@code max_lateness} plus less than that step behind the
 * newest. Invalid rows carry no event time and do not move it.
 */
public final class LatenessWatermarkGenerator<E>
        implements WatermarkGenerator<Either<E, InvalidRow>> {
    private final long maxLatenessMillis;
    private final long stepMillis;
    private long maxEventTime = Long.MIN_VALUE;
    private long lastEmitted = Long.MIN_VALUE;

    public LatenessWatermarkGenerator(long maxLatenessMillis) {
        this.maxLatenessMillis = maxLatenessMillis;
        this.stepMillis = stepMillis(maxLatenessMillis);
    }

    /** How far the watermark moves at least before it is emitted again. */
    public static long stepMillis(long maxLatenessMillis) {
        return Math.min(1_000, maxLatenessMillis / 10);
    }

    @Override
    public void onEvent(Either<E, InvalidRow> event, long eventTimestamp, WatermarkOutput output) {
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
        if (watermark > lastEmitted
                && (lastEmitted == Long.MIN_VALUE || watermark - lastEmitted >= stepMillis)) {
            lastEmitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
