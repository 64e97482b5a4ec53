package io.thyme.conf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.thyme.spec.InvalidSpecException;
import io.thyme.spec.MappingReader;
import io.thyme.spec.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Loads and checks {@code conf/thyme.yaml}, reporting every problem at once. */
public final class ConfLoader {
    private static final List<String> ICEBERG_CATALOG_TYPES = List.of("hadoop", "rest", "jdbc");
    public static final String FILE_NAME = "thyme.yaml";

    private static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    private static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(1);

    private final Map<String, String> environment;

    public ConfLoader(Map<String, String> environment) {
        this.environment = environment;
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
        top.get()
                .rejectUnknownKeys(
                        List.of(
                                "kafka",
                                "postgres",
                                "iceberg",
                                "s3",
                                "kinesis",
                                "bigquery",
                                "snowflake",
                                "sink",
                                "job"));
        Map<String, KafkaConnection> kafka = new LinkedHashMap<>();
        top.get()
                .requiredMapping("kafka")
                .ifPresent(clusters -> readKafka(clusters, secrets, kafka));
        Map<String, PostgresConnection> postgres = new LinkedHashMap<>();
        top.get().mapping("postgres").ifPresent(dbs -> readPostgres(dbs, secrets, postgres));
        Map<String, IcebergCatalogConf> iceberg = new LinkedHashMap<>();
        top.get().mapping("iceberg").ifPresent(cs -> readIceberg(cs, secrets, iceberg));
        Map<String, S3Connection> s3 = new LinkedHashMap<>();
        top.get().mapping("s3").ifPresent(stores -> readS3(stores, secrets, s3));
        Map<String, KinesisConnection> kinesis = new LinkedHashMap<>();
        top.get().mapping("kinesis").ifPresent(accounts -> readKinesis(accounts, secrets, kinesis));
        Map<String, BigQueryConnection> bigquery = new LinkedHashMap<>();
        top.get().mapping("bigquery").ifPresent(ps -> readBigQuery(ps, secrets, bigquery));
        Map<String, SnowflakeConnection> snowflake = new LinkedHashMap<>();
        top.get().mapping("snowflake").ifPresent(as -> readSnowflake(as, secrets, snowflake));
        SinkConf sink = top.get().requiredMapping("sink").map(s -> readSink(s, kafka)).orElse(null);
        JobConf job =
                top.get()
                        .mapping("job")
                        .map(ConfLoader::readJob)
                        .orElse(new JobConf(DEFAULT_CHECKPOINT_INTERVAL, DEFAULT_IDLE_TIMEOUT));
        return new ThymeConf(
                name, kafka, postgres, iceberg, s3, kinesis, bigquery, snowflake, sink, job);
    }

    private static void readKafka(
            MappingReader clusters, SecretResolver secrets, Map<String, KafkaConnection> out) {
        for (String cluster : clusters.keys()) {
            clusters.mapping(cluster)
                    .ifPresent(
                            c -> {
                                c.rejectUnknownKeys(List.of("bootstrap_servers", "properties"));
                                String servers = resolved(c, "bootstrap_servers", secrets);
                                Map<String, String> props = resolvedProperties(c, secrets);
                                out.put(cluster, new KafkaConnection(cluster, servers, props));
                            });
        }
    }

    private static void readPostgres(
            MappingReader databases, SecretResolver secrets, Map<String, PostgresConnection> out) {
        List<String> keys = List.of("host", "port", "database", "user", "password", "properties");
        for (String name : databases.keys()) {
            databases
                    .mapping(name)
                    .ifPresent(
                            db -> {
                                db.rejectUnknownKeys(keys);
                                String host = resolved(db, "host", secrets);
                                String port =
                                        db.has("port") && db.raw("port").isInt()
                                                ? db.raw("port").asText()
                                                : db.string("port")
                                                        .map(
                                                                p ->
                                                                        secrets.resolve(
                                                                                p,
                                                                                db.pathOf("port"),
                                                                                db.problems()))
                                                        .orElse("5432");
                                int portNumber = 5432;
                                try {
                                    portNumber = Integer.parseInt(port);
                                } catch (NumberFormatException e) {
                                    db.problems()
                                            .add(
                                                    db.pathOf("port"),
                                                    "'%s' is not a port number",
                                                    port);
                                }
                                Map<String, String> props = resolvedProperties(db, secrets);
                                out.put(
                                        name,
                                        new PostgresConnection(
                                                name,
                                                host,
                                                portNumber,
                                                resolved(db, "database", secrets),
                                                resolved(db, "user", secrets),
                                                db.requiredString("password")
                                                        .map(
                                                                p ->
                                                                        secrets.resolve(
                                                                                p,
                                                                                db.pathOf(
                                                                                        "password"),
                                                                                db.problems()))
                                                        .orElse(""),
                                                props));
                            });
        }
    }

    private static void readS3(
            MappingReader stores, SecretResolver secrets, Map<String, S3Connection> out) {
        List<String> keys =
                List.of("endpoint", "region", "path_style", "access_key_id", "secret_access_key");
        for (String name : stores.keys()) {
            stores.mapping(name)
                    .ifPresent(
                            store -> {
                                store.rejectUnknownKeys(keys);
                                String given = optional(store, "endpoint", secrets);
                                String endpoint = given.isEmpty() ? "" : absoluteFileUri(given);
                                if (!endpoint.isEmpty()
                                        && !endpoint.startsWith("file:")
                                        && !isHttpUrl(endpoint)) {
                                    store.problems()
                                            .add(
                                                    store.pathOf("endpoint"),
                                                    "'%s' is not an http(s) URL or a file:"
                                                            + " directory, e.g."
                                                            + " http://127.0.0.1:9000 or"
                                                            + " file:.thyme/objects",
                                                    given);
                                }
                                boolean local = endpoint.startsWith("file:");
                                out.put(
                                        name,
                                        new S3Connection(
                                                name,
                                                endpoint,
                                                local ? "" : resolved(store, "region", secrets),
                                                store.bool("path_style").orElse(false),
                                                local
                                                        ? ""
                                                        : resolved(store, "access_key_id", secrets),
                                                local
                                                        ? ""
                                                        : resolved(
                                                                store,
                                                                "secret_access_key",
                                                                secrets)));
                            });
        }
    }

    private static void readKinesis(
            MappingReader accounts, SecretResolver secrets, Map<String, KinesisConnection> out) {
        for (String name : accounts.keys()) {
            accounts.mapping(name)
                    .ifPresent(
                            account -> {
                                account.rejectUnknownKeys(
                                        List.of(
                                                "endpoint",
                                                "region",
                                                "access_key_id",
                                                "secret_access_key"));
                                String endpoint = optional(account, "endpoint", secrets);
                                if (!endpoint.isEmpty() && !isHttpUrl(endpoint)) {
                                    account.problems()
                                            .add(
                                                    account.pathOf("endpoint"),
                                                    "'%s' is not an http(s) URL, e.g."
                                                            + " http://127.0.0.1:4567",
                                                    endpoint);
                                }
                                out.put(
                                        name,
                                        new KinesisConnection(
                                                name,
                                                endpoint,
                                                resolved(account, "region", secrets),
                                                resolved(account, "access_key_id", secrets),
                                                resolved(account, "secret_access_key", secrets)));
                            });
        }
    }

    private static void readIceberg(
            MappingReader catalogs, SecretResolver secrets, Map<String, IcebergCatalogConf> out) {
        for (String name : catalogs.keys()) {
            catalogs.mapping(name).ifPresent(c -> out.put(name, readCatalog(name, c, secrets)));
        }
    }

    private static IcebergCatalogConf readCatalog(
            String name, MappingReader catalog, SecretResolver secrets) {
        catalog.rejectUnknownKeys(List.of("type", "warehouse", "uri", "properties"));
        Map<String, String> props = resolvedProperties(catalog, secrets);
        Optional<String> given = catalog.requiredString("type");
        given.filter(t -> !ICEBERG_CATALOG_TYPES.contains(t))
                .ifPresent(
                        t ->
                                catalog.problems()
                                        .add(
                                                catalog.pathOf("type"),
                                                "'%s' is not a catalog type this build runs; write"
                                                        + " one of %s",
                                                t,
                                                String.join(", ", ICEBERG_CATALOG_TYPES)));
        // What else a catalog needs depends on its type; without a known type, nothing is required.
        String type = given.filter(ICEBERG_CATALOG_TYPES::contains).orElse("");
        props.put("type", given.orElse(""));
        boolean needsWarehouse = !type.isEmpty() && !type.equals("rest");
        boolean needsUri = !type.isEmpty() && !type.equals("hadoop");
        Optional<String> warehouse =
                needsWarehouse
                        ? nonEmpty(catalog, "warehouse", catalog.requiredString("warehouse"))
                        : catalog.string("warehouse");
        warehouse.ifPresent(
                w ->
                        props.put(
                                "warehouse",
                                absoluteFileUri(
                                        secrets.resolve(
                                                w,
                                                catalog.pathOf("warehouse"),
                                                catalog.problems()))));
        Optional<String> uri =
                needsUri
                        ? nonEmpty(catalog, "uri", catalog.requiredString("uri"))
                        : catalog.string("uri");
        uri.ifPresent(
                u ->
                        props.put(
                                "uri",
                                secrets.resolve(u, catalog.pathOf("uri"), catalog.problems())));
        return new IcebergCatalogConf(name, props);
    }

    /**
     * {@code file:relative/dir} is resolved against the working directory, so the JobManager and
     * TaskManagers of a local cluster see the same warehouse.
     */
    private static String absoluteFileUri(String warehouse) {
        if (warehouse.startsWith("file:") && !warehouse.startsWith("file:/")) {
            return Path.of(warehouse.substring("file:".length()))
                    .toAbsolutePath()
                    .normalize()
                    .toUri()
                    .toString();
        }
        return warehouse;
    }

    private static void readBigQuery(
            MappingReader projects, SecretResolver secrets, Map<String, BigQueryConnection> out) {
        for (String name : projects.keys()) {
            projects.mapping(name)
                    .ifPresent(
                            p -> {
                                p.rejectUnknownKeys(
                                        List.of(
                                                "project",
                                                "credentials_file",
                                                "location",
                                                "endpoint"));
                                BigQueryConnection connection =
                                        new BigQueryConnection(
                                                name,
                                                resolved(p, "project", secrets),
                                                resolved(p, "credentials_file", secrets),
                                                optional(p, "location", secrets),
                                                optional(p, "endpoint", secrets));
                                if (connection.anonymous()
                                        && connection.endpointOverride().isEmpty()) {
                                    p.problems()
                                            .add(
                                                    p.pathOf("credentials_file"),
                                                    "'none' sends no credentials, which only a"
                                                            + " local peer accepts; give its"
                                                            + " endpoint, or a service-account"
                                                            + " key file for Google");
                                }
                                connection
                                        .endpointOverride()
                                        .filter(e -> !isHttpUrl(e))
                                        .ifPresent(
                                                e ->
                                                        p.problems()
                                                                .add(
                                                                        p.pathOf("endpoint"),
                                                                        "'%s' is not an http(s)"
                                                                                + " URL, e.g."
                                                                                + " https://bigquery.example.com",
                                                                        e));
                                out.put(name, connection);
                            });
        }
    }

    private static void readSnowflake(
            MappingReader accounts, SecretResolver secrets, Map<String, SnowflakeConnection> out) {
        for (String name : accounts.keys()) {
            accounts.mapping(name)
                    .ifPresent(
                            a -> {
                                a.rejectUnknownKeys(
                                        List.of(
                                                "account",
                                                "user",
                                                "password",
                                                "private_key_file",
                                                "private_key_passphrase",
                                                "warehouse",
                                                "role",
                                                "database",
                                                "schema",
                                                "url",
                                                "properties"));
                                String password = optional(a, "password", secrets);
                                String keyFile = optional(a, "private_key_file", secrets);
                                if (password.isEmpty() == keyFile.isEmpty()) {
                                    a.problems()
                                            .add(
                                                    a.path(),
                                                    "give exactly one of password and"
                                                            + " private_key_file (key-pair"
                                                            + " authentication)");
                                }
                                String url = optional(a, "url", secrets);
                                if (!url.isEmpty() && !isHttpUrl(url)) {
                                    a.problems()
                                            .add(
                                                    a.pathOf("url"),
                                                    "'%s' is not an http(s) URL, e.g."
                                                            + " https://xy12345.privatelink"
                                                            + ".snowflakecomputing.com",
                                                    url);
                                }
                                Map<String, String> props = resolvedProperties(a, secrets);
                                out.put(
                                        name,
                                        new SnowflakeConnection(
                                                name,
                                                resolved(a, "account", secrets),
                                                resolved(a, "user", secrets),
                                                password,
                                                keyFile,
                                                optional(a, "private_key_passphrase", secrets),
                                                resolved(a, "warehouse", secrets),
                                                optional(a, "role", secrets),
                                                resolved(a, "database", secrets),
                                                resolved(a, "schema", secrets),
                                                url,
                                                props));
                            });
        }
    }

    /** The mapping's {@code properties:}, each value's ${env:..}/${file:..} resolved. */
    private static Map<String, String> resolvedProperties(
            MappingReader mapping, SecretResolver secrets) {
        Map<String, String> props = new LinkedHashMap<>();
        mapping.stringMap("properties")
                .forEach(
                        (k, v) ->
                                props.put(
                                        k,
                                        secrets.resolve(
                                                v,
                                                mapping.pathOf("properties." + k),
                                                mapping.problems())));
        return props;
    }

    private static boolean isHttpUrl(String text) {
        try {
            java.net.URI uri = new java.net.URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String optional(MappingReader mapping, String key, SecretResolver secrets) {
        return mapping.string(key)
                .map(v -> secrets.resolve(v, mapping.pathOf(key), mapping.problems()))
                .orElse("");
    }

    /** A required value, its references resolved; {@code ""} is refused like a missing one. */
    private static String resolved(MappingReader mapping, String key, SecretResolver secrets) {
        return nonEmpty(mapping, key, mapping.requiredString(key))
                .map(v -> secrets.resolve(v, mapping.pathOf(key), mapping.problems()))
                .orElse("");
    }

    /** {@code value} unless it is {@code ""}, which is a problem of a required key. */
    private static Optional<String> nonEmpty(
            MappingReader mapping, String key, Optional<String> value) {
        if (value.filter(String::isEmpty).isPresent()) {
            mapping.problems()
                    .add(
                            mapping.pathOf(key),
                            "is empty; write its value, or ${env:VAR} to take it from the"
                                    + " environment");
            return Optional.empty();
        }
        return value;
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
