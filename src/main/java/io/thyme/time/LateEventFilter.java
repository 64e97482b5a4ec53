package io.thyme.time;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes on-time events on and sends each event at or behind the current watermark to the late side
 * output, with the watermark it missed. Counts them in {@code numLateRecordsDropped}, the operator
 * metric Flink's own window operator uses, so it shows in the Flink UI where users look for it.
 */
public final class LateEventFilter extends ProcessFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    public static final String LATE_METRIC = "numLateRecordsDropped";

    private final OutputTag<Tuple2<Row, Long>> lateTag;
    private transient Counter lateRecords;

    public LateEventFilter(OutputTag<Tuple2<Row, Long>> lateTag) {
        this.lateTag = lateTag;
    }

    /** The side output's tag: a late event and the watermark (epoch ms) it arrived behind. */
    public static OutputTag<Tuple2<Row, Long>> lateTag(String dataset, RowTypeInfo rowType) {
        TypeInformation<Tuple2<Row, Long>> type = new TupleTypeInfo<>(rowType, Types.LONG);
        return new OutputTag<>(dataset + "-late", type);
    }

    @Override
    public void open(Configuration parameters) {
        lateRecords = getRuntimeContext().getMetricGroup().counter(LATE_METRIC);
    }

    @Override
    public void processElement(Row event, Context ctx, Collector<Row> out) {
        long watermark = ctx.timerService().currentWatermark();
        Long timestamp = ctx.timestamp();
        if (timestamp != null && timestamp <= watermark) {
            lateRecords.inc();
            ctx.output(lateTag, Tuple2.of(event, watermark));
        } else {
            out.collect(event);
        }
    }
}
