package io.thyme.connectors.kafka;

import io.thyme.cdc.DebeziumEnvelopeDecoder;
import io.thyme.conf.KafkaConnection;
import io.thyme.conf.ThymeConf;
import io.thyme.connectors.SourceFactory;
import io.thyme.event.EncodedEvent;
import io.thyme.event.EncodedEventDecoder;
import io.thyme.event.EventSchema;
import io.thyme.event.InvalidRow;
import io.thyme.event.JsonRowDecoder;
import io.thyme.sink.PreflightException;
import io.thyme.spec.CdcMode;
import io.thyme.spec.ConnectorSpec;
import io.thyme.spec.JobSpec;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Wraps Flink's own KafkaSource: offsets live in Flink's checkpoints, partitions are splits. */
public final class KafkaSourceFactory implements SourceFactory {

    @Override
    public String kind() {
        return KafkaSourceOptions.KIND;
    }

    /** The topic must exist: Flink's KafkaSource would otherwise fail and restart forever. */
    @Override
    public void check(JobSpec spec, ThymeConf conf) {
        ConnectorSpec connector = spec.source().connector();
        KafkaConnection cluster =
                conf.kafkaConnection(connector.requiredString(KafkaSourceOptions.CLUSTER))
                        .orElseThrow();
        String topic = connector.requiredString(KafkaSourceOptions.TOPIC);
        Properties props = cluster.clientProperties();
        props.setProperty("default.api.timeout.ms", "30000");
        try (Admin admin = Admin.create(props)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                throw new PreflightException(
                        String.format(
                                "%s: topic '%s' does not exist on Kafka cluster '%s' (%s); create it,"
                                        + " or fix source.connector.topic",
                                spec.file(), topic, cluster.name(), cluster.bootstrapServers()));
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new PreflightException(
                    String.format(
                            "%s: cannot reach Kafka cluster '%s' at %s to check topic '%s': %s. For a"
                                    + " local broker run scripts/kafka.sh start.",
                            spec.file(), cluster.name(), cluster.bootstrapServers(), topic, e),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreflightException("interrupted while checking topic " + topic, e);
        }
    }

    @Override
    public Source<Either<Row, InvalidRow>, ?, ?> create(
            JobSpec spec, ThymeConf conf, EventSchema schema) {
        return source(spec, conf, deserializer(spec, schema));
    }

    /** In append mode the records' JSON goes to the sink without a row in between. */
    @Override
    public Optional<Source<Either<EncodedEvent, InvalidRow>, ?, ?>> createEncoded(
            JobSpec spec, ThymeConf conf, EventSchema schema) {
        if (spec.source().cdc() != CdcMode.APPEND) {
            return Optional.empty();
        }
        return Optional.of(
                source(spec, conf, new KafkaEventDeserializer(new EncodedEventDecoder(schema))));
    }

    private static <T> KafkaSource<T> source(
            JobSpec spec, ThymeConf conf, KafkaRecordDeserializationSchema<T> deserializer) {
        ConnectorSpec connector = spec.source().connector();
        KafkaConnection cluster =
                conf.kafkaConnection(connector.requiredString(KafkaSourceOptions.CLUSTER))
                        .orElseThrow();
        String groupId =
                connector
                        .string(KafkaSourceOptions.GROUP_ID)
                        .orElse("thyme-" + spec.dataset().name());
        Properties properties = cluster.clientProperties();
        properties.putAll(connector.stringMap(KafkaSourceOptions.PROPERTIES));
        properties.putIfAbsent("partition.discovery.interval.ms", "30000");
        StartingPosition start =
                connector
                        .string(KafkaSourceOptions.STARTING_POSITION)
                        .flatMap(StartingPosition::parse)
                        .orElse(StartingPosition.parse("earliest").orElseThrow());
        return KafkaSource.<T>builder()
                .setProperties(properties)
                .setBootstrapServers(cluster.bootstrapServers())
                .setTopics(connector.requiredString(KafkaSourceOptions.TOPIC))
                .setGroupId(groupId)
                .setClientIdPrefix(groupId)
                .setStartingOffsets(offsets(start))
                .setDeserializer(deserializer)
                .build();
    }

    private static KafkaRowDeserializer deserializer(JobSpec spec, EventSchema schema) {
        JsonRowDecoder rows = new JsonRowDecoder(schema);
        return new KafkaRowDeserializer(
                rows,
                spec.source().cdc() == CdcMode.DEBEZIUM ? new DebeziumEnvelopeDecoder(rows) : null);
    }

    private static OffsetsInitializer offsets(StartingPosition start) {
        switch (start.kind()) {
            case LATEST:
                return OffsetsInitializer.latest();
            case COMMITTED:
                return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case TIMESTAMP:
                return OffsetsInitializer.timestamp(start.timestamp().orElseThrow().toEpochMilli());
            case EARLIEST:
            default:
                return OffsetsInitializer.earliest();
        }
    }
}
