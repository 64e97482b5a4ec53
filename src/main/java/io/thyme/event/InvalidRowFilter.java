package io.thyme.event;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits what a source emits: events go on, rows that did not decode go to the errors side output
 * and are counted in {@code numInvalidRecords}. The job never fails on a bad row.
 */
public final class InvalidRowFilter extends ProcessFunction<Either<Row, InvalidRow>, Row> {
    private static final long serialVersionUID = 1L;

    public static final String INVALID_METRIC = "numInvalidRecords";

    private final OutputTag<InvalidRow> errorsTag;
    private transient Counter invalidRecords;

    public InvalidRowFilter(OutputTag<InvalidRow> errorsTag) {
        this.errorsTag = errorsTag;
    }

    public static OutputTag<InvalidRow> errorsTag(String dataset) {
        return new OutputTag<>(dataset + "-errors", TypeInformation.of(InvalidRow.class));
    }

    @Override
    public void open(Configuration parameters) {
        invalidRecords = getRuntimeContext().getMetricGroup().counter(INVALID_METRIC);
    }

    @Override
    public void processElement(Either<Row, InvalidRow> record, Context ctx, Collector<Row> out) {
        if (record.isLeft()) {
            out.collect(record.left());
        } else {
            invalidRecords.inc();
            ctx.output(errorsTag, record.right());
        }
    }
}
