package io.thyme.connectors.iceberg;

import io.thyme.connectors.iceberg.enumerator.IcebergEnumState;
import io.thyme.connectors.iceberg.enumerator.IcebergEnumStateSerializer;
import io.thyme.connectors.iceberg.enumerator.IcebergPosition;
import io.thyme.connectors.iceberg.enumerator.IcebergSplitEnumerator;
import io.thyme.connectors.iceberg.reader.IcebergSourceReader;
import io.thyme.connectors.iceberg.split.IcebergFileSplit;
import io.thyme.connectors.iceberg.split.IcebergFileSplitSerializer;
import io.thyme.event.InvalidRow;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.FieldSpec;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * The FLIP-27 source of {@code IcebergSource}: the enumerator plans new snapshots into file splits
 * every {@code every}, readers stream the files' rows as dataset events.
 */
public final class IcebergSource
        implements Source<Either<Row, InvalidRow>, IcebergFileSplit, IcebergEnumState>,
                ResultTypeQueryable<Either<Row, InvalidRow>> {
    private static final long serialVersionUID = 1L;

    private final IcebergTableRef ref;
    private final DatasetSpec dataset;
    private final IcebergRows rows;
    private final String cursor;
    private final Duration every;
    private final Duration overlap;
    private final boolean upsert;
    private final TypeInformation<Either<Row, InvalidRow>> producedType;

    public IcebergSource(
            IcebergTableRef ref,
            DatasetSpec dataset,
            IcebergRows rows,
            String cursor,
            Duration every,
            Duration overlap,
            boolean upsert,
            TypeInformation<Either<Row, InvalidRow>> producedType) {
        this.ref = ref;
        this.dataset = dataset;
        this.rows = rows;
        this.cursor = cursor;
        this.every = every;
        this.overlap = overlap;
        this.upsert = upsert;
        this.producedType = producedType;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<Either<Row, InvalidRow>, IcebergFileSplit> createReader(
            SourceReaderContext context) {
        return new IcebergSourceReader(ref, dataset, rows, overlap, context);
    }

    @Override
    public SplitEnumerator<IcebergFileSplit, IcebergEnumState> createEnumerator(
            SplitEnumeratorContext<IcebergFileSplit> context) {
        return restoreEnumerator(context, new IcebergEnumState(IcebergPosition.start(), List.of()));
    }

    @Override
    public SplitEnumerator<IcebergFileSplit, IcebergEnumState> restoreEnumerator(
            SplitEnumeratorContext<IcebergFileSplit> context, IcebergEnumState state) {
        return new IcebergSplitEnumerator(
                context,
                ref,
                cursor,
                dataset.timestampField().name(),
                dataset.keyFields().stream().map(FieldSpec::name).toList(),
                every,
                upsert,
                state);
    }

    @Override
    public SimpleVersionedSerializer<IcebergFileSplit> getSplitSerializer() {
        return IcebergFileSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<IcebergEnumState> getEnumeratorCheckpointSerializer() {
        return new IcebergEnumStateSerializer();
    }

    @Override
    public TypeInformation<Either<Row, InvalidRow>> getProducedType() {
        return producedType;
    }
}
