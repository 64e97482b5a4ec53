package io.thyme.testing;

import io.thyme.conf.ConfLoader;
import io.thyme.conf.DeliveryGuarantee;
import io.thyme.conf.JobConf;
import io.thyme.conf.KafkaConnection;
import io.thyme.conf.SinkConf;
import io.thyme.conf.ThymeConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Conf objects for tests, the same shape conf/thyme.yaml loads into: a sink to the local broker.
 * Each connector's tests add its connections (e.g. {@code LocalPostgres.conf}).
 */
public final class TestConf {
    private TestConf() {}

    public static ThymeConf withKafka(String bootstrapServers) {
        return sinkingTo(bootstrapServers, "", "thyme-test", Duration.ofSeconds(1));
    }

    /** A conf whose sink writes {@code <topicPrefix><Dataset>} topics on the given broker. */
    public static ThymeConf sinkingTo(
            String bootstrapServers,
            String topicPrefix,
            String transactionalIdPrefix,
            Duration checkpointInterval) {
        return new ThymeConf(
                "test-conf",
                Map.of("local", new KafkaConnection("local", bootstrapServers, Map.of())),
                new SinkConf(
                        "local",
                        topicPrefix,
                        DeliveryGuarantee.EXACTLY_ONCE,
                        transactionalIdPrefix,
                        Optional.empty()),
                new JobConf(checkpointInterval, Duration.ofSeconds(30)));
    }

    /**
     * Writes {@code yaml} as {@code dir}/thyme.yaml and loads it with {@code env} as the
     * environment.
     */
    public static ThymeConf load(Path dir, String yaml, Map<String, String> env)
            throws IOException {
        return new ConfLoader(env).load(Files.writeString(dir.resolve("thyme.yaml"), yaml));
    }
}
