package io.thyme.connectors.kinesis;

import io.thyme.cdc.DebeziumEnvelopeDecoder;
import io.thyme.connectors.kinesis.enumerator.KinesisEnumState;
import io.thyme.connectors.kinesis.enumerator.KinesisEnumStateSerializer;
import io.thyme.connectors.kinesis.enumerator.KinesisShardEnumerator;
import io.thyme.connectors.kinesis.reader.KinesisSourceReader;
import io.thyme.connectors.kinesis.split.KinesisShardSplit;
import io.thyme.connectors.kinesis.split.KinesisShardSplitSerializer;
import io.thyme.event.InvalidRow;
import io.thyme.event.JsonRowDecoder;
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
 * The FLIP-27 source of {@code KinesisSource}, on the AWS SDK v2 client: shards are splits, their
 * sequence numbers the checkpointed position, children read after their parents.
 */
public final class KinesisSource
        implements Source<Either<Row, InvalidRow>, KinesisShardSplit, KinesisEnumState>,
                ResultTypeQueryable<Either<Row, InvalidRow>> {
    private static final long serialVersionUID = 1L;

    private final KinesisConnection connection;
    private final String stream;
    private final InitialPosition initial;
    private final JsonRowDecoder decoder;
    private final DebeziumEnvelopeDecoder envelopes;
    private final TypeInformation<Either<Row, InvalidRow>> producedType;

    public KinesisSource(
            KinesisConnection connection,
            String stream,
            InitialPosition initial,
            JsonRowDecoder decoder,
            DebeziumEnvelopeDecoder envelopes,
            TypeInformation<Either<Row, InvalidRow>> producedType) {
        this.connection = connection;
        this.stream = stream;
        this.initial = initial;
        this.decoder = decoder;
        this.envelopes = envelopes;
        this.producedType = producedType;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<Either<Row, InvalidRow>, KinesisShardSplit> createReader(
            SourceReaderContext context) {
        return new KinesisSourceReader(connection, stream, decoder, envelopes, context);
    }

    @Override
    public SplitEnumerator<KinesisShardSplit, KinesisEnumState> createEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> context) {
        return restoreEnumerator(context, KinesisEnumState.initial());
    }

    @Override
    public SplitEnumerator<KinesisShardSplit, KinesisEnumState> restoreEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> context, KinesisEnumState state) {
        return new KinesisShardEnumerator(context, connection, stream, initial, state);
    }

    @Override
    public SimpleVersionedSerializer<KinesisShardSplit> getSplitSerializer() {
        return KinesisShardSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<KinesisEnumState> getEnumeratorCheckpointSerializer() {
        return new KinesisEnumStateSerializer();
    }

    @Override
    public TypeInformation<Either<Row, InvalidRow>> getProducedType() {
        return producedType;
    }
}
