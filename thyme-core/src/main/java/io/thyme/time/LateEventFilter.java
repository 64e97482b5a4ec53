package io.thyme.time;

import io.thyme.event.InvalidRow;
import io.thyme.event.Outcome;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;

/**
 * Passes on-time events on and turns each event at or behind the current watermark into a late
 * outcome, with the watermark it missed (other outcomes pass). Counts them in {@code
 * numLateRecordsDropped}, the operator metric Flink's own window operator uses, so it shows in the
 * Flink UI where users look for it.
 */
public final class LateEventFilter<E>
        extends ProcessFunction<
                Either<E, Either<Tuple2<E, Long>, InvalidRow>>,
                Either<E, Either<Tuple2<E, Long>, InvalidRow>>> {
    private static final long serialVersionUID = 1L;

    public static final String LATE_METRIC = "numLateRecordsDropped";

    private transient Counter lateRecords;

    @Override
    public void open(OpenContext openContext) {
        lateRecords = getRuntimeContext().getMetricGroup().counter(LATE_METRIC);
    }

    @Override
    public void processElement(
            Either<E, Either<Tuple2<E, Long>, InvalidRow>> outcome,
            Context ctx,
            Collector<Either<E, Either<Tuple2<E, Long>, InvalidRow>>> out) {
        if (outcome.isRight()) {
            out.collect(outcome);
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        Long timestamp = ctx.timestamp();
        if (timestamp != null && timestamp <= watermark) {
            lateRecords.inc();
            out.collect(Outcome.late(outcome.left(), watermark));
        } else {
            out.collect(outcome);
        }
    }
}
