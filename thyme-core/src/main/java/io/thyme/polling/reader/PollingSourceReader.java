package io.thyme.polling.reader;

import io.thyme.event.InvalidRow;
import io.thyme.polling.PolledEvents;
import io.thyme.polling.PolledRecord;
import io.thyme.polling.PollingSettings;
import io.thyme.polling.TablePollerFactory;
import io.thyme.polling.split.PollingSplit;
import io.thyme.polling.split.PollingSplitState;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.types.Either;

/** A polling source's reader: one fetcher thread polls all of the reader's splits. */
public final class PollingSourceReader<E>
        extends SingleThreadMultiplexSourceReaderBase<
                PolledRecord, Either<E, InvalidRow>, PollingSplit, PollingSplitState> {
    private final java.time.Duration overlap;

    public PollingSourceReader(
            TablePollerFactory pollers,
            PollingSettings settings,
            PolledEvents<E> events,
            SourceReaderContext context) {
        this(pollers, settings, events, context, new PollingMetrics(context.metricGroup()));
    }

    private PollingSourceReader(
            TablePollerFactory pollers,
            PollingSettings settings,
            PolledEvents<E> events,
            SourceReaderContext context,
            PollingMetrics metrics) {
        super(
                () ->
                        new PollingSplitReader(
                                pollers.create(settings), settings, metrics, events.newPreparer()),
                new PollingRecordEmitter<>(metrics, events),
                context.getConfiguration(),
                context);
        this.overlap = settings.overlap();
    }

    @Override
    public void start() {
        if (getNumberOfCurrentlyAssignedSplits() == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    protected void onSplitFinished(Map<String, PollingSplitState> finished) {}

    @Override
    protected PollingSplitState initializedState(PollingSplit split) {
        return new PollingSplitState(split, overlap);
    }

    @Override
    protected PollingSplit toSplitType(String splitId, PollingSplitState state) {
        return state.toSplit();
    }
}
