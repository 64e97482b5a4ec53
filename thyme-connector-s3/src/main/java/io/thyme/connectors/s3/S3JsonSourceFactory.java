package io.thyme.connectors.s3;

import io.thyme.cdc.DebeziumEnvelopeDecoder;
import io.thyme.conf.ThymeConf;
import io.thyme.connectors.SourceFactory;
import io.thyme.event.EventSchema;
import io.thyme.event.InvalidRow;
import io.thyme.event.JsonRowDecoder;
import io.thyme.sink.PreflightException;
import io.thyme.spec.CdcMode;
import io.thyme.spec.ConnectorSpec;
import io.thyme.spec.JobSpec;
import io.thyme.time.LatenessWatermarkStrategy;
import java.io.IOException;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/** S3JsonSource: objects planned by (key, last-modified), streamed line by line. */
public final class S3JsonSourceFactory implements SourceFactory {

    @Override
    public String kind() {
        return S3JsonSourceOptions.KIND;
    }

    @Override
    public void check(JobSpec spec, ThymeConf conf) {
        S3Connection connection = connection(spec, conf);
        ConnectorSpec connector = spec.source().connector();
        String bucket = connector.requiredString(S3JsonSourceOptions.BUCKET);
        try (ObjectStore store = ObjectStore.open(connection, bucket)) {
            store.list(connector.string(S3JsonSourceOptions.PREFIX).orElse(""));
        } catch (IOException | RuntimeException e) {
            throw new PreflightException(
                    String.format(
                            "%s: S3JsonSource cannot list bucket '%s' through connection '%s' (%s):"
                                    + " %s. Check the bucket, the endpoint, the region and the"
                                    + " credentials in conf/thyme.yaml.",
                            spec.file(),
                            bucket,
                            connection.name(),
                            connection.endpoint().isEmpty() ? "AWS" : connection.endpoint(),
                            e.getMessage()),
                    e);
        }
    }

    @Override
    public Source<Either<Row, InvalidRow>, ?, ?> create(
            JobSpec spec, ThymeConf conf, EventSchema schema) {
        ConnectorSpec connector = spec.source().connector();
        JsonRowDecoder decoder = new JsonRowDecoder(schema);
        return new S3JsonSource(
                connection(spec, conf),
                connector.requiredString(S3JsonSourceOptions.BUCKET),
                connector.string(S3JsonSourceOptions.PREFIX).orElse(""),
                connector.string(S3JsonSourceOptions.PATH_PATTERN).orElse(""),
                spec.source().every().orElseThrow(),
                spec.source().maxLateness(),
                decoder,
                spec.source().cdc() == CdcMode.DEBEZIUM
                        ? new DebeziumEnvelopeDecoder(decoder)
                        : null,
                spec.source().cursor().map(c -> spec.dataset().indexOf(c)).orElse(-1),
                schema);
    }

    /**
     * Watermarks from the listings (see {@code ListingProgress}): an object starts at the watermark
     * of the listings read before it, its rows do not move it.
     */
    @Override
    public WatermarkStrategy<Either<Row, InvalidRow>> watermarks(
            JobSpec spec, EventSchema schema, Duration idleTimeout) {
        return LatenessWatermarkStrategy.fromSplits(schema, idleTimeout);
    }

    private static S3Connection connection(JobSpec spec, ThymeConf conf) {
        return conf.connection(
                        S3Connections.SECTION,
                        spec.source().connector().requiredString(S3JsonSourceOptions.CONNECTION))
                .orElseThrow();
    }
}
