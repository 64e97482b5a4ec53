package io.thyme.job;

import io.thyme.cdc.KeyFieldsSelector;
import io.thyme.cdc.UpsertInterpreter;
import io.thyme.conf.ThymeConf;
import io.thyme.connectors.InstalledConnectors;
import io.thyme.connectors.SourceFactory;
import io.thyme.event.EncodedEvent;
import io.thyme.event.EventSchema;
import io.thyme.event.InvalidRow;
import io.thyme.event.InvalidRowFilter;
import io.thyme.event.Outcome;
import io.thyme.polling.PollingSource;
import io.thyme.sink.DatasetSinks;
import io.thyme.sink.DatasetTopics;
import io.thyme.sink.EncodedEventRecordSerializer;
import io.thyme.sink.EncodedLateEventRecordSerializer;
import io.thyme.sink.EventRecordSerializer;
import io.thyme.sink.InvalidRowRecordSerializer;
import io.thyme.sink.LateEventRecordSerializer;
import io.thyme.sink.OutcomeRecordSerializer;
import io.thyme.sink.RecordSizeLimit;
import io.thyme.spec.CdcMode;
import io.thyme.spec.JobSpec;
import io.thyme.time.LateEventFilter;
import io.thyme.time.LatenessWatermarkStrategy;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * One dataset's branch of the job graph, one chain: source (with per-split watermarks) -> decode ->
 * late filter (-> upsert) -> one Kafka sink writing events to the dataset topic, invalid rows to
 * {@code <topic>.errors} and late events to {@code <topic>.late} (see {@link Outcome}).
 */
public final class DatasetPipeline {
    /**
     * The idle timeout of polling splits: never. A polling split's watermark moves with its polls
     * (a poll that finds nothing new moves it to the poll's start minus max_lateness), so a quiet
     * table does not hold event time back; and a split without events for a while is mostly a split
     * waiting for its turn in a reader that polls several (more buckets than readers), with a
     * backlog older than what the others sent meanwhile. Idled by the clock, that backlog would go
     * to .late when its turn came.
     */
    static final Duration POLLING_NEVER_IDLE = Duration.ofNanos(Long.MAX_VALUE);

    private DatasetPipeline() {}

    public static void build(
            StreamExecutionEnvironment env,
            JobSpec spec,
            ThymeConf conf,
            Duration checkpointInterval) {
        String dataset = spec.dataset().name();
        EventSchema schema = new EventSchema(spec.dataset());
        OperatorNames names = new OperatorNames(spec);
        DatasetTopics topics = DatasetTopics.of(conf.sink(), spec);
        DatasetSinks sinks = new DatasetSinks(conf, dataset, checkpointInterval);
        RecordSizeLimit sizeLimit = sinks.sizeLimit(topics.errors());
        EventRecordSerializer events =
                new EventRecordSerializer(topics.events(), schema, sizeLimit);
        LateEventRecordSerializer late =
                new LateEventRecordSerializer(
                        topics.late(), schema, spec.source().maxLateness(), sizeLimit);
        InvalidRowRecordSerializer errors =
                new InvalidRowRecordSerializer(topics.errors(), sizeLimit);

        SourceFactory factory = InstalledConnectors.sourceFactory(spec.source().connector().kind());
        java.util.OptionalInt fixed = factory.fixedParallelism(spec);
        Optional<Source<Either<EncodedEvent, InvalidRow>, ?, ?>> encoded =
                spec.source().cdc() == CdcMode.APPEND
                        ? factory.createEncoded(spec, conf, schema)
                        : Optional.empty();
        if (encoded.isPresent()) {
            // the records' JSON goes to the sink as the wire format's bytes, no row in between
            judged(
                            env,
                            encoded.get(),
                            LatenessWatermarkStrategy.forEncoded(
                                    spec.source().maxLateness(), idleTimeout(encoded.get(), conf)),
                            schema.encodedType(),
                            TypeInformation.of(EncodedEvent.class),
                            names,
                            fixed)
                    .sinkTo(
                            sinks.sink(
                                    new OutcomeRecordSerializer<>(
                                            new EncodedEventRecordSerializer(events),
                                            new EncodedLateEventRecordSerializer(late),
                                            errors),
                                    "events"))
                    .name(names.sinkName(topics.events()))
                    .uid(names.uid("sink-events"));
            return;
        }

        Source<Either<Row, InvalidRow>, ?, ?> source = factory.create(spec, conf, schema);
        SingleOutputStreamOperator<Either<Row, Either<Tuple2<Row, Long>, InvalidRow>>> judged =
                judged(
                        env,
                        source,
                        factory.watermarks(spec, schema, idleTimeout(source, conf)),
                        schema.decodedType(),
                        schema.rowType(),
                        names,
                        fixed);
        DataStream<Either<Row, Either<Tuple2<Row, Long>, InvalidRow>>> published = judged;
        if (spec.source().cdc() == CdcMode.UPSERT) {
            published =
                    judged.keyBy(new KeyFieldsSelector(schema), KeyFieldsSelector.keyType(schema))
                            .process(
                                    new UpsertInterpreter(
                                            schema.rowType(), dataset, schema.describeFields()),
                                    Outcome.type(schema.rowType()))
                            .name(names.upsertName())
                            .uid(names.uid("upsert"));
        }
        // One sink for the dataset topic, .late and .errors: one producer and one transaction
        // per checkpoint instead of three. It keeps the uid and transactional ids of the events
        // sink; a savepoint of a build with three sinks restores with --allowNonRestoredState.
        published
                .sinkTo(sinks.sink(new OutcomeRecordSerializer<>(events, late, errors), "events"))
                .name(names.sinkName(topics.events()))
                .uid(names.uid("sink-events"));
    }

    private static Duration idleTimeout(Source<?, ?, ?> source, ThymeConf conf) {
        return source instanceof PollingSource ? POLLING_NEVER_IDLE : conf.job().idleTimeout();
    }

    /**
     * The source with its watermarks, the step that sorts out invalid rows and the late filter, one
     * chain (at the connector's fixed parallelism, if it has one), for events of type {@code E}: a
     * row, or an event already encoded. The uids are the same for both, so a savepoint of one way
     * restores into the other (the steps after the source hold no state).
     */
    private static <E>
            SingleOutputStreamOperator<Either<E, Either<Tuple2<E, Long>, InvalidRow>>> judged(
                    StreamExecutionEnvironment env,
                    Source<Either<E, InvalidRow>, ?, ?> source,
                    WatermarkStrategy<Either<E, InvalidRow>> watermarks,
                    TypeInformation<Either<E, InvalidRow>> decodedType,
                    TypeInformation<E> eventType,
                    OperatorNames names,
                    java.util.OptionalInt fixed) {
        SingleOutputStreamOperator<Either<E, InvalidRow>> decoded =
                env.fromSource(source, watermarks, names.sourceName(), decodedType)
                        .uid(names.uid("source"));
        TypeInformation<Either<E, Either<Tuple2<E, Long>, InvalidRow>>> outcomes =
                Outcome.type(eventType);
        SingleOutputStreamOperator<Either<E, Either<Tuple2<E, Long>, InvalidRow>>> events =
                decoded.process(new InvalidRowFilter<E>(), outcomes)
                        .name(names.decodeName())
                        .uid(names.uid("decode"));
        if (fixed.isPresent()) {
            decoded.setParallelism(fixed.getAsInt());
            events.setParallelism(fixed.getAsInt());
        }
        SingleOutputStreamOperator<Either<E, Either<Tuple2<E, Long>, InvalidRow>>> judged =
                events.process(new LateEventFilter<E>(), outcomes)
                        .name(names.lateFilterName())
                        .uid(names.uid("late-filter"));
        fixed.ifPresent(judged::setParallelism);
        return judged;
    }
}
