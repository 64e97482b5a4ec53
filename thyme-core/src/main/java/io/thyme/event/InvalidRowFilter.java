package io.thyme.event;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;

/**
 * Sorts what a source emits (events of type {@code E}: a {@code Row}, or an {@link EncodedEvent}):
 * events go on as events, rows that did not decode become {@code .errors} outcomes and are counted
 * in {@code numInvalidRecords}. The job never fails on a bad row.
 */
public final class InvalidRowFilter<E>
        extends ProcessFunction<
                Either<E, InvalidRow>, Either<E, Either<Tuple2<E, Long>, InvalidRow>>> {
    private static final long serialVersionUID = 1L;

    public static final String INVALID_METRIC = "numInvalidRecords";

    private transient Counter invalidRecords;

    @Override
    public void open(OpenContext openContext) {
        invalidRecords = getRuntimeContext().getMetricGroup().counter(INVALID_METRIC);
    }

    @Override
    public void processElement(
            Either<E, InvalidRow> record,
            Context ctx,
            Collector<Either<E, Either<Tuple2<E, Long>, InvalidRow>>> out) {
        if (record.isLeft()) {
            out.collect(Outcome.event(record.left()));
        } else {
            invalidRecords.inc();
            out.collect(Outcome.<E>invalid(record.right()));
        }
    }
}
