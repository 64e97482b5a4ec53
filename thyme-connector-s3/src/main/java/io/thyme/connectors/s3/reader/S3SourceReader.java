package io.thyme.connectors.s3.reader;

import io.thyme.cdc.DebeziumEnvelopeDecoder;
import io.thyme.connectors.s3.CursorReport;
import io.thyme.connectors.s3.S3Connection;
import io.thyme.connectors.s3.split.S3ObjectSplit;
import io.thyme.event.EventSchema;
import io.thyme.event.InvalidRow;
import io.thyme.event.JsonRowDecoder;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * An S3JsonSource reader: asks for an object, streams it, reports the highest cursor value and the
 * newest event time it held to the enumerator, asks for the next.
 */
public final class S3SourceReader
        extends SingleThreadMultiplexSourceReaderBase<
                S3Record, Either<Row, InvalidRow>, S3ObjectSplit, S3SplitState> {

    public S3SourceReader(
            S3Connection connection,
            String bucket,
            JsonRowDecoder decoder,
            DebeziumEnvelopeDecoder envelopes,
            int cursorIndex,
            EventSchema schema,
            SourceReaderContext context) {
        super(
                () ->
                        new S3ObjectSplitReader(
                                connection,
                                bucket,
                                decoder,
                                envelopes,
                                cursorIndex,
                                context.metricGroup().counter("numRowsSkippedBehindCursor"),
                                context.metricGroup().counter("numObjectsGone")),
                new S3RecordEmitter(schema),
                context.getConfiguration(),
                context);
        if (envelopes != null) {
            envelopes.registerMetrics(context.metricGroup());
        }
    }

    @Override
    public void start() {
        if (getNumberOfCurrentlyAssignedSplits() == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    protected void onSplitFinished(Map<String, S3SplitState> finished) {
        for (Map.Entry<String, S3SplitState> split : finished.entrySet()) {
            S3SplitState state = split.getValue();
            context.sendSourceEventToCoordinator(
                    new CursorReport(
                            split.getKey(),
                            state.toSplit().listing(),
                            state.maxCursor(),
                            state.maxEventTime()));
        }
        context.sendSplitRequest();
    }

    @Override
    protected S3SplitState initializedState(S3ObjectSplit split) {
        return new S3SplitState(split);
    }

    @Override
    protected S3ObjectSplit toSplitType(String splitId, S3SplitState state) {
        return state.toSplit();
    }
}
