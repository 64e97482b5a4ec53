package io.thyme.connectors;

import io.thyme.conf.ThymeConf;
import io.thyme.event.EncodedEvent;
import io.thyme.event.EventSchema;
import io.thyme.event.InvalidRow;
import io.thyme.spec.JobSpec;
import io.thyme.time.LatenessWatermarkStrategy;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * The Flink side of a connector: builds the FLIP-27 source for a validated spec. The source emits
 * decoded events of the dataset's schema, or {@link InvalidRow}s for rows that do not fit; the
 * pipeline adds watermarks, the late filter and the sinks.
 */
public interface SourceFactory {

    /** The kind this factory builds, as in {@link ConnectorOptions#kind()}. */
    String kind();

    /**
     * Checks, from the client before the job starts, what only the external system can tell (the
     * table exists, its columns fit); throws {@link io.thyme.sink.PreflightException} saying what
     * to fix.
     */
    default void check(JobSpec spec, ThymeConf conf) {}

    Source<Either<Row, InvalidRow>, ?, ?> create(JobSpec spec, ThymeConf conf, EventSchema schema);

    /**
     * For a source that reads records of the wire format's JSON: in append mode, the source that
     * emits them as {@link EncodedEvent}s, the sink's bytes, instead of rows that the sink then
     * encodes again (the same events, the same errors, the same metrics); empty to use {@link
     * #create}. The pipeline asks for it in append mode only: upsert and debezium need rows. Its
     * events get the default watermarks ({@link LatenessWatermarkStrategy}), not {@link
     * #watermarks}.
     */
    default java.util.Optional<Source<Either<EncodedEvent, InvalidRow>, ?, ?>> createEncoded(
            JobSpec spec, ThymeConf conf, EventSchema schema) {
        return java.util.Optional.empty();
    }

    /**
     * The parallelism the source and the steps before the key split (decode, late filter) must run
     * at, when the connector needs one (a source that reads in commit order); empty to use the
     * job's.
     */
    default java.util.OptionalInt fixedParallelism(JobSpec spec) {
        return java.util.OptionalInt.empty();
    }

    /**
     * How the source's events get their watermarks: by default from the events, max_lateness behind
     * the newest of each split; a source that knows its splits' event times overrides it.
     */
    default WatermarkStrategy<Either<Row, InvalidRow>> watermarks(
            JobSpec spec, EventSchema schema, java.time.Duration idleTimeout) {
        return LatenessWatermarkStrategy.create(schema, spec.source().maxLateness(), idleTimeout);
    }
}
