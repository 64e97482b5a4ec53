package io.thyme.connectors.s3;

import io.thyme.cdc.DebeziumEnvelopeDecoder;
import io.thyme.connectors.s3.enumerator.S3EnumState;
import io.thyme.connectors.s3.enumerator.S3EnumStateSerializer;
import io.thyme.connectors.s3.enumerator.S3ObjectEnumerator;
import io.thyme.connectors.s3.enumerator.S3ObjectPlanner;
import io.thyme.connectors.s3.reader.S3SourceReader;
import io.thyme.connectors.s3.split.S3ObjectSplit;
import io.thyme.connectors.s3.split.S3ObjectSplitSerializer;
import io.thyme.event.EventSchema;
import io.thyme.event.InvalidRow;
import io.thyme.event.JsonRowDecoder;
import java.time.Duration;
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
 * The FLIP-27 source of {@code S3JsonSource}: the enumerator lists the prefix every {@code every}
 * and plans new objects as splits; readers stream them line by line.
 */
public final class S3JsonSource
        implements Source<Either<Row, InvalidRow>, S3ObjectSplit, S3EnumState>,
                ResultTypeQueryable<Either<Row, InvalidRow>> {
    private static final long serialVersionUID = 1L;

    /** Objects are planned once if they appear within this of the newest (or max_lateness). */
    static final Duration MIN_WINDOW = Duration.ofMinutes(10);

    private final S3Connection connection;
    private final String bucket;
    private final String prefix;
    private final String pathPattern;
    private final Duration every;
    private final Duration maxLateness;
    private final JsonRowDecoder decoder;
    private final DebeziumEnvelopeDecoder envelopes;
    private final int cursorIndex;
    private final EventSchema schema;
    private final TypeInformation<Either<Row, InvalidRow>> producedType;

    public S3JsonSource(
            S3Connection connection,
            String bucket,
            String prefix,
            String pathPattern,
            Duration every,
            Duration maxLateness,
            JsonRowDecoder decoder,
            DebeziumEnvelopeDecoder envelopes,
            int cursorIndex,
            EventSchema schema) {
        this.connection = connection;
        this.bucket = bucket;
        this.prefix = prefix;
        this.pathPattern = pathPattern;
        this.every = every;
        this.maxLateness = maxLateness;
        this.decoder = decoder;
        this.envelopes = envelopes;
        this.cursorIndex = cursorIndex;
        this.schema = schema;
        this.producedType = schema.decodedType();
    }

    /** How far behind the newest object a late-appearing object is still planned. */
    public static Duration window(Duration maxLateness) {
        return maxLateness.compareTo(MIN_WINDOW) > 0 ? maxLateness : MIN_WINDOW;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<Either<Row, InvalidRow>, S3ObjectSplit> createReader(
            SourceReaderContext context) {
        return new S3SourceReader(
                connection, bucket, decoder, envelopes, cursorIndex, schema, context);
    }

    @Override
    public SplitEnumerator<S3ObjectSplit, S3EnumState> createEnumerator(
            SplitEnumeratorContext<S3ObjectSplit> context) {
        return restoreEnumerator(context, S3EnumState.initial());
    }

    @Override
    public SplitEnumerator<S3ObjectSplit, S3EnumState> restoreEnumerator(
            SplitEnumeratorContext<S3ObjectSplit> context, S3EnumState state) {
        return new S3ObjectEnumerator(
                context,
                connection,
                bucket,
                prefix,
                new S3ObjectPlanner(prefix, pathPattern, window(maxLateness), maxLateness),
                every,
                maxLateness,
                state);
    }

    @Override
    public SimpleVersionedSerializer<S3ObjectSplit> getSplitSerializer() {
        return S3ObjectSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<S3EnumState> getEnumeratorCheckpointSerializer() {
        return new S3EnumStateSerializer();
    }

    @Override
    public TypeInformation<Either<Row, InvalidRow>> getProducedType() {
        return producedType;
    }
}
