package io.thyme.conf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.thyme.connectors.InstalledConnectors;
import io.thyme.spec.InvalidSpecException;
import io.thyme.spec.MappingReader;
import io.thyme.spec.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Loads and checks {@code conf/thyme.yaml}, reporting every problem at once. */
public final class ConfLoader {
    public static final String FILE_NAME = "thyme.yaml";

    /** The Kafka clusters: the core's own section, since the sink writes to one of them. */
    public static final ConnectionSection<KafkaConnection> KAFKA =
            new ConnectionSection<>(
                    "kafka", "Kafka cluster", KafkaConnection.class, ConfLoader::readKafka);

    private static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    private static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(1);

    private final Map<String, String> environment;
    private final List<ConnectionSection<?>> sections;

    /** A loader of the sections of every connector installed (found on the class path). */
    public ConfLoader(Map<String, String> environment) {
        this(environment, InstalledConnectors.connectionSections());
    }

    /** A loader that knows {@code sections} besides the core's kafka, sink and job. */
    public ConfLoader(Map<String, String> environment, List<ConnectionSection<?>> sections) {
        this.environment = environment;
        this.sections = List.copyOf(sections);
    }

    /** Loads {@code <confDir>/thyme.yaml} with the process environment. */
    public static ThymeConf loadDir(Path confDir) {
        return new ConfLoader(System.getenv()).load(confDir.resolve(FILE_NAME));
    }

    public ThymeConf load(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new InvalidSpecException(
                    name,
                    List.of(
                            "conf file not found; pass --conf with the directory that holds "
                                    + FILE_NAME));
        }
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw InvalidSpecException.notYaml(name, e);
        }
        Problems problems = new Problems(name);
        SecretResolver secrets = new SecretResolver(environment, file.toAbsolutePath().getParent());
        ThymeConf conf = read(name, root, secrets, problems);
        problems.throwIfAny();
        return conf;
    }

    private ThymeConf read(String name, JsonNode root, SecretResolver secrets, Problems problems) {
        Optional<MappingReader> top = MappingReader.of(root, "", problems);
        if (top.isEmpty()) {
            return null;
        }
        List<String> known = new ArrayList<>(List.of("kafka"));
        sections.forEach(section -> known.add(section.key()));
        known.addAll(List.of("sink", "job"));
        top.get()
                .rejectUnknownKeys(
                        known,
                        "; a connection section belongs to a connector, and this jar holds "
                                + String.join(", ", InstalledConnectors.availableKinds())
                                + ": remove the section, or run a jar with its connector");
        Map<String, KafkaConnection> kafka = new LinkedHashMap<>();
        top.get()
                .requiredMapping("kafka")
                .ifPresent(clusters -> readSection(clusters, secrets, KAFKA, kafka));
        Map<String, Map<String, Object>> connections = new LinkedHashMap<>();
        for (ConnectionSection<?> section : sections) {
            Map<String, Object> entries = new LinkedHashMap<>();
            top.get()
                    .mapping(section.key())
                    .ifPresent(mapping -> readSection(mapping, secrets, section, entries));
            connections.put(section.key(), entries);
        }
        SinkConf sink = top.get().requiredMapping("sink").map(s -> readSink(s, kafka)).orElse(null);
        JobConf job =
                top.get()
                        .mapping("job")
                        .map(ConfLoader::readJob)
                        .orElse(new JobConf(DEFAULT_CHECKPOINT_INTERVAL, DEFAULT_IDLE_TIMEOUT));
        return new ThymeConf(name, kafka, connections, sink, job);
    }

    private static <C> void readSection(
            MappingReader mapping,
            SecretResolver secrets,
            ConnectionSection<C> section,
            Map<String, ? super C> out) {
        for (String entry : mapping.keys()) {
            mapping.mapping(entry)
                    .ifPresent(
                            m ->
                                    out.put(
                                            entry,
                                            section.reader()
                                                    .read(new ConnectionEntry(entry, m, secrets))));
        }
    }

    private static KafkaConnection readKafka(ConnectionEntry cluster) {
        cluster.acceptOnly(List.of("bootstrap_servers", "properties"));
        return new KafkaConnection(
                cluster.name(), cluster.required("bootstrap_servers"), cluster.properties());
    }

    private static SinkConf readSink(MappingReader sink, Map<String, KafkaConnection> kafka) {
        sink.rejectUnknownKeys(
                List.of(
                        "cluster",
                        "topic_prefix",
                        "delivery",
                        "transactional_id_prefix",
                        "transaction_timeout"));
        Optional<String> given = sink.requiredString("cluster");
        given.filter(c -> !kafka.containsKey(c))
                .ifPresent(
                        c ->
                                sink.problems()
                                        .add(
                                                sink.pathOf("cluster"),
                                                "no Kafka cluster named '%s' under kafka:;"
                                                        + " declared: %s",
                                                c,
                                                kafka.isEmpty()
                                                        ? "(none)"
                                                        : String.join(", ", kafka.keySet())));
        String cluster = given.orElse("");
        DeliveryGuarantee delivery = DeliveryGuarantee.EXACTLY_ONCE;
        Optional<String> deliveryName = sink.string("delivery");
        if (deliveryName.isPresent()) {
            Optional<DeliveryGuarantee> parsed = DeliveryGuarantee.fromConfName(deliveryName.get());
            if (parsed.isEmpty()) {
                sink.problems()
                        .add(
                                sink.pathOf("delivery"),
                                "'%s' is not a delivery guarantee; write exactly-once or"
                                        + " at-least-once",
                                deliveryName.get());
            } else {
                delivery = parsed.get();
            }
        }
        return new SinkConf(
                cluster,
                sink.string("topic_prefix").orElse(""),
                delivery,
                sink.string("transactional_id_prefix").orElse("thyme"),
                sink.duration("transaction_timeout"));
    }

    private static JobConf readJob(MappingReader job) {
        job.rejectUnknownKeys(List.of("checkpoint_interval", "idle_timeout"));
        Duration checkpoint =
                job.duration("checkpoint_interval").orElse(DEFAULT_CHECKPOINT_INTERVAL);
        if (checkpoint.isZero()) {
            job.problems()
                    .add(
                            job.pathOf("checkpoint_interval"),
                            "must be more than 0s: the exactly-once sink commits on checkpoints");
        }
        return new JobConf(checkpoint, job.duration("idle_timeout").orElse(DEFAULT_IDLE_TIMEOUT));
    }
}
