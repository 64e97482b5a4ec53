package io.thyme.conf;

import java.time.Duration;
import java.util.Optional;

/**
 * Where datasets are written: the Kafka cluster, the topic prefix (topic = prefix + dataset name),
 * the delivery guarantee, the prefix of transactional ids (unique per job lineage, the same across
 * restores) and an explicit transaction timeout (empty: derived from the checkpoint interval).
 */
public record SinkConf(
        String cluster,
        String topicPrefix,
        DeliveryGuarantee delivery,
        String transactionalIdPrefix,
        Optional<Duration> transactionTimeout) {}
