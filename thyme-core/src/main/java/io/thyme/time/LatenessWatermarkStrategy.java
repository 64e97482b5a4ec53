package io.thyme.time;

import io.thyme.event.EncodedEvent;
import io.thyme.event.EventSchema;
import io.thyme.event.InvalidRow;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * Event time from the dataset's timestamp field, watermarks bounded by {@code max_lateness}. Passed
 * to the source, so Flink runs one generator per split (Kafka partition, table split) and the
 * source's watermark is the slowest active split's; a split without events for the idle timeout
 * stops holding it back.
 */
public final class LatenessWatermarkStrategy {
    private LatenessWatermarkStrategy() {}

    /**
     * Event time from the dataset's timestamp field, watermarks only from the source itself (a
     * source that knows its splits' event times, like IcebergSource); idle splits as above.
     */
    public static WatermarkStrategy<Either<Row, InvalidRow>> fromSplits(
            EventSchema schema, Duration idleTimeout) {
        WatermarkStrategy<Either<Row, InvalidRow>> strategy =
                new WatermarkStrategy<>() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public WatermarkGenerator<Either<Row, InvalidRow>> createWatermarkGenerator(
                            WatermarkGeneratorSupplier.Context context) {
                        return new WatermarkGenerator<>() {
                            @Override
                            public void onEvent(
                                    Either<Row, InvalidRow> event,
                                    long timestamp,
                                    WatermarkOutput output) {}

                            @Override
                            public void onPeriodicEmit(WatermarkOutput output) {}
                        };
                    }

                    @Override
                    public TimestampAssigner<Either<Row, InvalidRow>> createTimestampAssigner(
                            TimestampAssignerSupplier.Context context) {
                        return eventTime(schema);
                    }
                };
        return strategy.withIdleness(idleTimeout);
    }

    private static TimestampAssigner<Either<Row, InvalidRow>> eventTime(EventSchema schema) {
        return (event, previous) ->
                event.isLeft() ? schema.eventTimeMillis(event.left()) : previous;
    }

    public static WatermarkStrategy<Either<Row, InvalidRow>> create(
            EventSchema schema, Duration maxLateness, Duration idleTimeout) {
        return create(event -> schema.eventTimeMillis(event), maxLateness, idleTimeout);
    }

    /** {@link #create} for the events of a source that emits them already encoded. */
    public static WatermarkStrategy<Either<EncodedEvent, InvalidRow>> forEncoded(
            Duration maxLateness, Duration idleTimeout) {
        return create(event -> event.eventTimeMillis, maxLateness, idleTimeout);
    }

    /** An event's time in epoch milliseconds. */
    private interface EventTime<E> extends java.io.Serializable {
        long of(E event);
    }

    private static <E> WatermarkStrategy<Either<E, InvalidRow>> create(
            EventTime<E> time, Duration maxLateness, Duration idleTimeout) {
        long lateness = maxLateness.toMillis();
        WatermarkStrategy<Either<E, InvalidRow>> strategy =
                new WatermarkStrategy<>() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public WatermarkGenerator<Either<E, InvalidRow>> createWatermarkGenerator(
                            WatermarkGeneratorSupplier.Context context) {
                        return new LatenessWatermarkGenerator<>(lateness);
                    }

                    @Override
                    public TimestampAssigner<Either<E, InvalidRow>> createTimestampAssigner(
                            TimestampAssignerSupplier.Context context) {
                        return (event, previous) ->
                                event.isLeft() ? time.of(event.left()) : previous;
                    }
                };
        return strategy.withIdleness(idleTimeout);
    }
}
