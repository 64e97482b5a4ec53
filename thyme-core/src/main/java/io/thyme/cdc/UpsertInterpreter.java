package io.thyme.cdc;

import io.thyme.event.InvalidRow;
import io.thyme.event.Outcome;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;

/**
 * {@code cdc="upsert"}: each row is the latest state of its key. Keeps the last row per key in
 * Flink state (RocksDB on a cluster that uses it): the first row of a key is an insert, a changed
 * row an update, a row equal to the last one is dropped and counted in {@code
 * numUnchangedRowsDropped}. A delete (from a source that can see one) of a key in state clears it
 * and passes on; a delete of a key not in state is dropped and counted the same way.
 */
public final class UpsertInterpreter
        extends KeyedProcessFunction<
                Row,
                Either<Row, Either<Tuple2<Row, Long>, InvalidRow>>,
                Either<Row, Either<Tuple2<Row, Long>, InvalidRow>>>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    public static final String UNCHANGED_METRIC = "numUnchangedRowsDropped";

    private final RowTypeInfo rowType;
    private final String dataset;
    private final String fields;
    private transient ValueState<Row> latest;
    private transient ListState<String> fieldsInState;
    private transient Counter unchanged;

    /**
     * @param fields the dataset's fields as the spec declares them, e.g. {@code id int (key), name
     *     str}: kept in state, so a restore with other fields fails saying what changed
     */
    public UpsertInterpreter(RowTypeInfo rowType, String dataset, String fields) {
        this.rowType = rowType;
        this.dataset = dataset;
        this.fields = fields;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        fieldsInState =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>("upsert-fields", Types.STRING));
        if (context.isRestored()) {
            for (String stored : fieldsInState.get()) {
                if (!stored.equals(fields)) {
                    throw new IllegalStateException(
                            String.format(
                                    "cannot restore the upsert state of dataset %s: it holds rows"
                                            + " with fields (%s) but the spec now declares (%s)."
                                            + " Restore with the old fields, or start without the"
                                            + " savepoint (the state is rebuilt from new rows, the"
                                            + " first row of each key becomes an insert).",
                                    dataset, stored, fields));
                }
            }
        }
        fieldsInState.update(List.of(fields));
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        fieldsInState.update(List.of(fields));
    }

    @Override
    public void open(OpenContext openContext) {
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest-row", rowType));
        unchanged = getRuntimeContext().getMetricGroup().counter(UNCHANGED_METRIC);
    }

    @Override
    public void processElement(
            Either<Row, Either<Tuple2<Row, Long>, InvalidRow>> outcome,
            Context ctx,
            Collector<Either<Row, Either<Tuple2<Row, Long>, InvalidRow>>> out)
            throws Exception {
        if (outcome.isRight()) {
            out.collect(outcome); // late and invalid rows pass (under the key of nulls)
            return;
        }
        Row row = outcome.left();
        Row previous = latest.value();
        if (row.getKind() == RowKind.DELETE) {
            if (previous == null) {
                unchanged.inc();
                return;
            }
            latest.clear();
            out.collect(outcome);
            return;
        }
        if (previous != null && sameValues(previous, row)) {
            unchanged.inc();
            return;
        }
        Row copy = Row.copy(row);
        copy.setKind(previous == null ? RowKind.INSERT : RowKind.UPDATE_AFTER);
        latest.update(copy);
        out.collect(Outcome.event(copy));
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
