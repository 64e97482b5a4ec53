package io.thyme.event;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

/**
 * Sorts what a source emits: events go on as events, rows that did not decode become {@code
 * .errors} outcomes and are counted in {@code numInvalidRecords}. The job never fails on a bad row.
 */
public final class InvalidRowFilter
        extends ProcessFunction<
                Either<Row, InvalidRow>, Either<Row, Either<Tuple2<Row, Long>, InvalidRow>>> {
    private static final long serialVersionUID = 1L;

    public static final String INVALID_METRIC = "numInvalidRecords";

    private transient Counter invalidRecords;

    @Override
    public void open(OpenContext openContext) {
        invalidRecords = getRuntimeContext().getMetricGroup().counter(INVALID_METRIC);
    }

    @Override
    public void processElement(
            Either<Row, InvalidRow> record,
            Context ctx,
            Collector<Either<Row, Either<Tuple2<Row, Long>, InvalidRow>>> out) {
        if (record.isLeft()) {
            out.collect(Outcome.event(record.left()));
        } else {
            invalidRecords.inc();
            out.collect(Outcome.invalid(record.right()));
        }
    }
}
