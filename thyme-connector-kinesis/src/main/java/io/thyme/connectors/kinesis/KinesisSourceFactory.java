package io.thyme.connectors.kinesis;

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
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/** KinesisSource: shards as splits on the AWS SDK v2 client. */
public final class KinesisSourceFactory implements SourceFactory {

    @Override
    public String kind() {
        return KinesisSourceOptions.KIND;
    }

    @Override
    public void check(JobSpec spec, ThymeConf conf) {
        KinesisConnection connection = connection(spec, conf);
        String stream = spec.source().connector().requiredString(KinesisSourceOptions.STREAM);
        try (KinesisClient client = KinesisClients.create(connection)) {
            client.describeStreamSummary(b -> b.streamName(stream));
        } catch (ResourceNotFoundException e) {
            throw new PreflightException(
                    String.format(
                            "%s: KinesisSource: there is no stream '%s' in %s (connection '%s');"
                                    + " create it, or fix stream in the spec",
                            spec.file(),
                            stream,
                            connection.endpointOverride().orElse("region " + connection.region()),
                            connection.name()),
                    e);
        } catch (SdkException e) {
            throw new PreflightException(
                    String.format(
                            "%s: KinesisSource cannot reach stream '%s' through connection '%s'"
                                    + " (%s): %s. Check the endpoint, the region and the"
                                    + " credentials in conf/thyme.yaml.",
                            spec.file(),
                            stream,
                            connection.name(),
                            connection.endpointOverride().orElse("region " + connection.region()),
                            e.getMessage()),
                    e);
        }
    }

    @Override
    public Source<Either<Row, InvalidRow>, ?, ?> create(
            JobSpec spec, ThymeConf conf, EventSchema schema) {
        ConnectorSpec connector = spec.source().connector();
        JsonRowDecoder decoder = new JsonRowDecoder(schema);
        return new KinesisSource(
                connection(spec, conf),
                connector.requiredString(KinesisSourceOptions.STREAM),
                InitialPosition.parse(
                                connector
                                        .string(KinesisSourceOptions.INITIAL_POSITION)
                                        .orElse(InitialPosition.TRIM_HORIZON))
                        .orElseThrow(),
                decoder,
                spec.source().cdc() == CdcMode.DEBEZIUM
                        ? new DebeziumEnvelopeDecoder(decoder)
                        : null,
                schema.decodedType());
    }

    private static KinesisConnection connection(JobSpec spec, ThymeConf conf) {
        return conf.connection(
                        KinesisConnections.SECTION,
                        spec.source().connector().requiredString(KinesisSourceOptions.CONNECTION))
                .orElseThrow();
    }
}
