package io.thyme.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.event.InvalidRow;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

class LatenessWatermarkGeneratorTest {
    /** Records what the generator emits. */
    static final class RecordingOutput implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }

    private static final Either<Row, InvalidRow> EVENT = Either.Left(Row.of(1));
    private static final Either<Row, InvalidRow> INVALID =
            Either.Right(new InvalidRow("x", "y", null));

    @Test
    void trailsTheNewestEventTimeByMaxLatenessAsSoonAsItAdvances() {
        LatenessWatermarkGenerator<Row> generator = new LatenessWatermarkGenerator<>(300_000);
        RecordingOutput out = new RecordingOutput();
        generator.onEvent(EVENT, 1_000_000, out);
        generator.onEvent(EVENT, 900_000, out);
        generator.onEvent(EVENT, 1_600_000, out);
        assertThat(out.watermarks).containsExactly(699_999L, 1_299_999L);
    }

    @Test
    void ignoresInvalidRowsAndNeverGoesBack() {
        LatenessWatermarkGenerator<Row> generator = new LatenessWatermarkGenerator<>(0);
        RecordingOutput out = new RecordingOutput();
        generator.onPeriodicEmit(out);
        assertThat(out.watermarks).isEmpty();
        generator.onEvent(INVALID, 5_000, out);
        assertThat(out.watermarks).isEmpty();
        generator.onEvent(EVENT, 2_000, out);
        generator.onEvent(EVENT, 1_000, out);
        generator.onPeriodicEmit(out);
        assertThat(out.watermarks).containsExactly(1_999L, 1_999L);
    }

    @Test
    void movesInStepsOfATenthOfMaxLatenessAtMostASecond() {
        assertThat(LatenessWatermarkGenerator.stepMillis(0)).isZero();
        assertThat(LatenessWatermarkGenerator.stepMillis(5_000)).isEqualTo(500);
        assertThat(LatenessWatermarkGenerator.stepMillis(300_000)).isEqualTo(1_000);
        LatenessWatermarkGenerator<Row> generator = new LatenessWatermarkGenerator<>(300_000);
        RecordingOutput out = new RecordingOutput();
        for (long t = 1_000_000; t <= 1_003_000; t += 10) {
            generator.onEvent(EVENT, t, out); // time-ordered, 10 ms apart
        }
        generator.onPeriodicEmit(out);
        assertThat(out.watermarks)
                .containsExactly(699_999L, 700_999L, 701_999L, 702_999L, 702_999L);
    }

    @Test
    void withoutMaxLatenessEveryAdvanceIsEmitted() {
        LatenessWatermarkGenerator<Row> generator = new LatenessWatermarkGenerator<>(0);
        RecordingOutput out = new RecordingOutput();
        generator.onEvent(EVENT, 10, out);
        generator.onEvent(EVENT, 11, out);
        generator.onEvent(EVENT, 12, out);
        assertThat(out.watermarks).containsExactly(9L, 10L, 11L);
    }
}
