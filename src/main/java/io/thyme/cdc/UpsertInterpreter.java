package io.thyme.cdc;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;

/**
 * {@code cdc="upsert"}: each row is the latest state of its key. Keeps the last row per key in
 * Flink state (RocksDB on a cluster that uses it): the first row of a key is an insert, a changed
 * row an update, a row equal to the last one is dropped and counted in {@code
 * numUnchangedRowsDropped}.
 */
public final class UpsertInterpreter extends KeyedProcessFunction<Row, Row, Row> {
    private static final long serialVersionUID = 1L;

    public static final String UNCHANGED_METRIC = "numUnchangedRowsDropped";

    private final RowTypeInfo rowType;
    private transient ValueState<Row> latest;
    private transient Counter unchanged;

    public UpsertInterpreter(RowTypeInfo rowType) {
        this.rowType = rowType;
    }

    @Override
    public void open(Configuration parameters) {
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest-row", rowType));
        unchanged = getRuntimeContext().getMetricGroup().counter(UNCHANGED_METRIC);
    }

    @Override
    public void processElement(Row row, Context ctx, Collector<Row> out) throws Exception {
        Row previous = latest.value();
        if (previous != null && sameValues(previous, row)) {
            unchanged.inc();
            return;
        }
        Row copy = Row.copy(row);
        copy.setKind(previous == null ? RowKind.INSERT : RowKind.UPDATE_AFTER);
        latest.update(copy);
        out.collect(copy);
    }

    private static boolean sameValues(Row a, Row b) {
        for (int i = 0; i < a.getArity(); i++) {
            if (!java.util.Objects.equals(a.getField(i), b.getField(i))) {
                return false;
            }
        }
        return true;
    }
}
