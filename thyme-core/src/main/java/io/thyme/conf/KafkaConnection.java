package io.thyme.conf;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A named Kafka cluster from {@code conf/thyme.yaml}: bootstrap servers and client properties
 * (security settings, with secrets already resolved). {@link #toString()} masks the secrets.
 */
public record KafkaConnection(String name, String bootstrapServers, Map<String, String> properties)
        implements Serializable {

    public KafkaConnection {
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /**
     * Client properties including {@code bootstrap.servers}, for an admin, consumer or producer.
     */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.putAll(properties);
        props.setProperty("bootstrap.servers", bootstrapServers);
        return props;
    }

    @Override
    public String toString() {
        return "KafkaConnection{name="
                + name
                + ", bootstrapServers="
                + bootstrapServers
                + ", properties="
                + SecretMask.mask(properties)
                + "}";
    }
}
