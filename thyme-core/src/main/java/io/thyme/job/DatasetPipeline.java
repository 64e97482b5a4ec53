package io.thyme.job;

import io.thyme.cdc.KeyFieldsSelector;
import io.thyme.cdc.UpsertInterpreter;
import io.thyme.conf.ThymeConf;
import io.thyme.connectors.InstalledConnectors;
import io.thyme.connectors.SourceFactory;
import io.thyme.event.EventSchema;
import io.thyme.event.InvalidRow;
import io.thyme.event.InvalidRowFilter;
import io.thyme.event.Outcome;
import io.thyme.polling.PollingSource;
import io.thyme.sink.DatasetSinks;
import io.thyme.sink.DatasetTopics;
import io.thyme.sink.EventRecordSerializer;
import io.thyme.sink.InvalidRowRecordSerializer;
import io.thyme.sink.LateEventRecordSerializer;
import io.thyme.sink.OutcomeRecordSerializer;
import io.thyme.sink.RecordSizeLimit;
import io.thyme.spec.CdcMode;
import io.thyme.spec.JobSpec;
import io.thyme.time.LateEventFilter;
import java.time.Duration;
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

        SourceFactory factory = InstalledConnectors.sourceFactory(spec.source().connector().kind());
        Source<Either<Row, InvalidRow>, ?, ?> source = factory.create(spec, conf, schema);
        Duration idleTimeout =
                source instanceof PollingSource ? POLLING_NEVER_IDLE : conf.job().idleTimeout();
        SingleOutputStreamOperator<Either<Row, InvalidRow>> decoded =
                env.fromSource(
                                source,
                                factory.watermarks(spec, schema, idleTimeout),
                                names.sourceName(),
                                schema.decodedType())
                        .uid(names.uid("source"));
        java.util.OptionalInt fixed = factory.fixedParallelism(spec);

        TypeInformation<Either<Row, Either<Tuple2<Row, Long>, InvalidRow>>> outcomes =
                Outcome.type(schema.rowType());
        SingleOutputStreamOperator<Either<Row, Either<Tuple2<Row, Long>, InvalidRow>>> events =
                decoded.process(new InvalidRowFilter(), outcomes)
                        .name(names.decodeName())
                        .uid(names.uid("decode"));
        if (fixed.isPresent()) {
            decoded.setParallelism(fixed.getAsInt());
            events.setParallelism(fixed.getAsInt());
        }

        SingleOutputStreamOperator<Either<Row, Either<Tuple2<Row, Long>, InvalidRow>>> judged =
                events.process(new LateEventFilter(), outcomes)
                        .name(names.lateFilterName())
                        .uid(names.uid("late-filter"));
        fixed.ifPresent(judged::setParallelism);

        DataStream<Either<Row, Either<Tuple2<Row, Long>, InvalidRow>>> published = judged;
        if (spec.source().cdc() == CdcMode.UPSERT) {
            published =
                    judged.keyBy(new KeyFieldsSelector(schema), KeyFieldsSelector.keyType(schema))
                            .process(
                                    new UpsertInterpreter(
                                            schema.rowType(), dataset, schema.describeFields()),
                                    outcomes)
                            .name(names.upsertName())
                            .uid(names.uid("upsert"));
        }
        // One sink for the dataset topic, .late and .errors: one producer and one transaction
        // per checkpoint instead of three. It keeps the uid and transactional ids of the events
        // sink; a savepoint of a build with three sinks restores with --allowNonRestoredState.
        published
                .sinkTo(
                        sinks.sink(
                                new OutcomeRecordSerializer(
                                        new EventRecordSerializer(
                                                topics.events(), schema, sizeLimit),
                                        new LateEventRecordSerializer(
                                                topics.late(),
                                                schema,
                                                spec.source().maxLateness(),
                                                sizeLimit),
                                        new InvalidRowRecordSerializer(topics.errors(), sizeLimit)),
                                "events"))
                .name(names.sinkName(topics.events()))
                .uid(names.uid("sink-events"));
    }
}
