package io.thyme.sink;

import io.thyme.conf.DeliveryGuarantee;
import io.thyme.conf.KafkaConnection;
import io.thyme.conf.ThymeConf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the sink's Kafka cluster before the job starts, so that a wrong address or a broker that
 * cannot hold our transactions fails with a message instead of a restart loop: the cluster is
 * reachable, its {@code transaction.max.timeout.ms} admits our transaction timeout, and the dataset
 * topics exist (they are created when missing).
 */
public final class SinkPreflight {
    private static final Logger LOG = LoggerFactory.getLogger(SinkPreflight.class);
    private static final long TIMEOUT_SECONDS = 30;

    private SinkPreflight() {}

    public static void check(
            ThymeConf conf, Duration checkpointInterval, Collection<DatasetTopics> topics) {
        KafkaConnection cluster = conf.sinkConnection();
        Properties props = cluster.clientProperties();
        props.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        props.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(props)) {
            Collection<Node> nodes = get(admin.describeCluster().nodes(), cluster);
            if (conf.sink().delivery() == DeliveryGuarantee.EXACTLY_ONCE && !nodes.isEmpty()) {
                long brokerMax = transactionMaxTimeout(admin, nodes.iterator().next(), cluster);
                Optional<String> problem =
                        TransactionTimeout.problem(
                                conf.sink(), checkpointInterval, brokerMax, cluster.name());
                if (problem.isPresent()) {
                    throw new PreflightException(problem.get());
                }
            }
            createMissingTopics(admin, cluster, topics);
        }
    }

    private static long transactionMaxTimeout(Admin admin, Node node, KafkaConnection cluster) {
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, node.idString());
        Config config = get(admin.describeConfigs(List.of(broker)).all(), cluster).get(broker);
        ConfigEntry entry = config.get("transaction.max.timeout.ms");
        return entry == null ? Duration.ofMinutes(15).toMillis() : Long.parseLong(entry.value());
    }

    private static void createMissingTopics(
            Admin admin, KafkaConnection cluster, Collection<DatasetTopics> topics) {
        Set<String> existing = get(admin.listTopics().names(), cluster);
        List<NewTopic> missing = new ArrayList<>();
        for (DatasetTopics dataset : topics) {
            for (String topic : dataset.all()) {
                if (!existing.contains(topic)) {
                    NewTopic newTopic = new NewTopic(topic, Optional.empty(), Optional.empty());
                    if (dataset.compacted() && topic.equals(dataset.events())) {
                        newTopic.configs(java.util.Map.of("cleanup.policy", "compact"));
                    }
                    missing.add(newTopic);
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.info(
                    "Created topics {} on Kafka cluster '{}'",
                    missing.stream().map(NewTopic::name).toList(),
                    cluster.name());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw unreachable(cluster, e.getCause());
            }
        } catch (InterruptedException | TimeoutException e) {
            throw unreachable(cluster, e);
        }
    }

    private static <T> T get(
            org.apache.kafka.common.KafkaFuture<T> future, KafkaConnection cluster) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw unreachable(cluster, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(cluster, e);
        } catch (TimeoutException e) {
            throw unreachable(cluster, e);
        }
    }

    private static PreflightException unreachable(KafkaConnection cluster, Throwable cause) {
        return new PreflightException(
                String.format(
                        "cannot use Kafka cluster '%s' at %s (sink.cluster in conf/thyme.yaml): %s."
                                + " Is the broker running and reachable from here? For a local"
                                + " broker run scripts/kafka.sh start.",
                        cluster.name(), cluster.bootstrapServers(), cause),
                cause);
    }
}
