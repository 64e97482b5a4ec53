package io.thyme.sink;

import io.thyme.conf.DeliveryGuarantee;
import io.thyme.conf.ThymeConf;
import java.time.Duration;
import java.util.Properties;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * Builds the Kafka sinks of one dataset. Exactly-once sinks write in Kafka transactions committed
 * on each checkpoint; their transactional ids are {@code
 * <transactional_id_prefix>-<Dataset>-<role>}, unique per dataset and stable across restores.
 */
public final class DatasetSinks {
    private final ThymeConf conf;
    private final String dataset;
    private final Duration transactionTimeout;

    public DatasetSinks(ThymeConf conf, String dataset, Duration checkpointInterval) {
        this.conf = conf;
        this.dataset = dataset;
        this.transactionTimeout = TransactionTimeout.of(conf.sink(), checkpointInterval);
    }

    /** The size limit of this dataset's sinks, diverting what exceeds it to {@code errorsTopic}. */
    public RecordSizeLimit sizeLimit(String errorsTopic) {
        return RecordSizeLimit.of(conf.sinkConnection().clientProperties(), errorsTopic);
    }

    /**
     * Fills in the producer settings a sink uses unless its connection's {@code properties} set
     * them: LZ4 compression, a 5 ms linger and batches of up to 256 KB per partition. Kafka's 16 KB
     * default closes a batch, with its compression buffer, every hundred or so events; an
     * exactly-once sink publishes on checkpoints, so larger batches add no latency.
     *
     * @return {@code producer}, for chaining
     */
    public static Properties withProducerDefaults(Properties producer) {
        producer.putIfAbsent("compression.type", "lz4");
        producer.putIfAbsent("linger.ms", "5");
        producer.putIfAbsent("batch.size", "262144");
        return producer;
    }

    /**
     * {@code role} names the sink in its transactional ids ({@code events}: the dataset's one sink,
     * which writes its three topics; the name is kept from the builds that had a sink per topic).
     */
    public <T> KafkaSink<T> sink(KafkaRecordSerializationSchema<T> serializer, String role) {
        Properties producer = conf.sinkConnection().clientProperties();
        producer.setProperty(
                "transaction.timeout.ms", Long.toString(transactionTimeout.toMillis()));
        withProducerDefaults(producer);
        boolean exactlyOnce = conf.sink().delivery() == DeliveryGuarantee.EXACTLY_ONCE;
        return KafkaSink.<T>builder()
                .setBootstrapServers(conf.sinkConnection().bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(
                        exactlyOnce
                                ? org.apache.flink.connector.base.DeliveryGuarantee.EXACTLY_ONCE
                                : org.apache.flink.connector.base.DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(
                        conf.sink().transactionalIdPrefix() + "-" + dataset + "-" + role)
                .build();
    }
}
