package io.thyme.polling;

import io.thyme.event.InvalidRow;
import io.thyme.polling.enumerator.PollingEnumState;
import io.thyme.polling.enumerator.PollingEnumStateSerializer;
import io.thyme.polling.enumerator.PollingSplitEnumerator;
import io.thyme.polling.reader.PollingSourceReader;
import io.thyme.polling.split.PollingSplit;
import io.thyme.polling.split.PollingSplitSerializer;
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

/**
 * The FLIP-27 source every polling connector runs on: the connector supplies a {@link
 * TablePollerFactory}; this class only wires the enumerator, reader and serializers.
 */
public final class PollingSource<E>
        implements Source<Either<E, InvalidRow>, PollingSplit, PollingEnumState>,
                ResultTypeQueryable<Either<E, InvalidRow>> {
    private static final long serialVersionUID = 1L;

    private final TablePollerFactory pollers;
    private final PollingSettings settings;
    private final PolledEvents<E> events;

    /** A source emitting {@code events} (rows, or in append mode rows already encoded). */
    public PollingSource(
            TablePollerFactory pollers, PollingSettings settings, PolledEvents<E> events) {
        this.pollers = pollers;
        this.settings = settings;
        this.events = events;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<Either<E, InvalidRow>, PollingSplit> createReader(
            SourceReaderContext context) {
        return new PollingSourceReader<>(pollers, settings, events, context);
    }

    @Override
    public SplitEnumerator<PollingSplit, PollingEnumState> createEnumerator(
            SplitEnumeratorContext<PollingSplit> context) {
        return new PollingSplitEnumerator(
                context, settings.buckets(), new PollingEnumState(false, List.of()));
    }

    @Override
    public SplitEnumerator<PollingSplit, PollingEnumState> restoreEnumerator(
            SplitEnumeratorContext<PollingSplit> context, PollingEnumState state) {
        return new PollingSplitEnumerator(context, settings.buckets(), state);
    }

    @Override
    public SimpleVersionedSerializer<PollingSplit> getSplitSerializer() {
        return PollingSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<PollingEnumState> getEnumeratorCheckpointSerializer() {
        return new PollingEnumStateSerializer();
    }

    @Override
    public TypeInformation<Either<E, InvalidRow>> getProducedType() {
        return events.type();
    }
}
