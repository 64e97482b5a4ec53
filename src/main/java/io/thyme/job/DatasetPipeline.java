package io.thyme.job;

import io.thyme.cdc.KeyFieldsSelector;
import io.thyme.cdc.UpsertInterpreter;
import io.thyme.conf.ThymeConf;
import io.thyme.connectors.SourceFactories;
import io.thyme.connectors.SourceFactory;
import io.thyme.event.EventSchema;
import io.thyme.event.InvalidRow;
import io.thyme.event.InvalidRowFilter;
import io.thyme.sink.DatasetSinks;
import io.thyme.sink.DatasetTopics;
import io.thyme.sink.EventRecordSerializer;
import io.thyme.sink.InvalidRowRecordSerializer;
import io.thyme.sink.LateEventRecordSerializer;
import io.thyme.sink.RecordSizeLimit;
import io.thyme.spec.CdcMode;
import io.thyme.spec.JobSpec;
import io.thyme.time.LateEventFilter;
import java.time.Duration;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.flink.util.OutputTag;

/**
 * One dataset's branch of the job graph: source (with per-split watermarks) -> decode -> late
 * filter -> Kafka, with invalid rows to {@code <topic>.errors} and late events to {@code
 * <topic>.late}.
 */
public final class DatasetPipeline {
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

        SourceFactory factory = SourceFactories.forKind(spec.source().connector().kind());
        SingleOutputStreamOperator<Either<Row, InvalidRow>> decoded =
                env.fromSource(
                                factory.create(spec, conf, schema),
                                factory.watermarks(spec, schema, conf.job().idleTimeout()),
                                names.sourceName(),
                                schema.decodedType())
                        .uid(names.uid("source"));
        java.util.OptionalInt fixed = factory.fixedParallelism(spec);

        OutputTag<InvalidRow> errorsTag = InvalidRowFilter.errorsTag(dataset);
        SingleOutputStreamOperator<Row> events =
                decoded.process(new InvalidRowFilter(errorsTag), schema.rowType())
                        .name(names.decodeName())
                        .uid(names.uid("decode"));
        if (fixed.isPresent()) {
            decoded.setParallelism(fixed.getAsInt());
            events.setParallelism(fixed.getAsInt());
        }

        OutputTag<Tuple2<Row, Long>> lateTag = LateEventFilter.lateTag(dataset, schema.rowType());
        SingleOutputStreamOperator<Row> onTime =
                events.process(new LateEventFilter(lateTag), schema.rowType())
                        .name(names.lateFilterName())
                        .uid(names.uid("late-filter"));
        fixed.ifPresent(onTime::setParallelism);

        DataStream<Row> changes = onTime;
        if (spec.source().cdc() == CdcMode.UPSERT) {
            changes =
                    onTime.keyBy(new KeyFieldsSelector(schema), KeyFieldsSelector.keyType(schema))
                            .process(
                                    new UpsertInterpreter(
                                            schema.rowType(), dataset, schema.describeFields()),
                                    schema.rowType())
                            .name(names.upsertName())
                            .uid(names.uid("upsert"));
        }
        changes.sinkTo(
                        sinks.sink(
                                new EventRecordSerializer(topics.events(), schema, sizeLimit),
                                "events"))
                .name(names.sinkName(topics.events()))
                .uid(names.uid("sink-events"));
        onTime.getSideOutput(lateTag)
                .sinkTo(
                        sinks.sink(
                                new LateEventRecordSerializer(
                                        topics.late(),
                                        schema,
                                        spec.source().maxLateness(),
                                        sizeLimit),
                                "late"))
                .name(names.sinkName(topics.late()))
                .uid(names.uid("sink-late"));
        events.getSideOutput(errorsTag)
                .sinkTo(
                        sinks.sink(
                                new InvalidRowRecordSerializer(topics.errors(), sizeLimit),
                                "errors"))
                .name(names.sinkName(topics.errors()))
                .uid(names.uid("sink-errors"));
    }
}
