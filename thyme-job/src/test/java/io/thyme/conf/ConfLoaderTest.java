package io.thyme.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.connectors.bigquery.BigQueryConnection;
import io.thyme.connectors.bigquery.BigQueryConnections;
import io.thyme.connectors.iceberg.IcebergCatalogConf;
import io.thyme.connectors.iceberg.IcebergCatalogs;
import io.thyme.connectors.kinesis.KinesisConnection;
import io.thyme.connectors.kinesis.KinesisConnections;
import io.thyme.connectors.s3.S3Connection;
import io.thyme.connectors.s3.S3Connections;
import io.thyme.connectors.snowflake.SnowflakeConnection;
import io.thyme.connectors.snowflake.SnowflakeConnections;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfLoaderTest {
    @TempDir Path dir;

    private ThymeConf load(String yaml, Map<String, String> env) throws IOException {
        Path file = Files.writeString(dir.resolve("thyme.yaml"), yaml);
        return new ConfLoader(env).load(file);
    }

    @Test
    void resolvesSecretsFromEnvironmentAndFilesAndMasksThem() throws IOException {
        Files.writeString(
                dir.resolve("jaas.secret"), "org.apache...PlainLoginModule password=\"s3cr3t\";\n");
        ThymeConf conf =
                load(
                        String.join(
                                "\n",
                                "kafka:",
                                "  prod:",
                                "    bootstrap_servers: ${env:BROKERS}",
                                "    properties:",
                                "      security.protocol: SASL_SSL",
                                "      sasl.jaas.config: ${file:jaas.secret}",
                                "      ssl.truststore.password: ${env:TRUST_PW}",
                                "sink:",
                                "  cluster: prod",
                                "job:",
                                "  checkpoint_interval: 30s"),
                        Map.of("BROKERS", "10.1.1.1:9093", "TRUST_PW", "hunter2"));
        KafkaConnection prod = conf.kafkaConnection("prod").orElseThrow();
        assertThat(prod.bootstrapServers()).isEqualTo("10.1.1.1:9093");
        assertThat(prod.properties().get("sasl.jaas.config")).contains("password=\"s3cr3t\"");
        assertThat(prod.properties().get("ssl.truststore.password")).isEqualTo("hunter2");
        assertThat(prod.toString())
                .doesNotContain("s3cr3t")
                .doesNotContain("hunter2")
                .contains("security.protocol=SASL_SSL");
        assertThat(conf.job().checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(conf.sink().delivery()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(conf.sink().topicPrefix()).isEmpty();
    }

    @Test
    void usesDefaultsOfEnvReferences() throws IOException {
        ThymeConf conf =
                load(
                        "kafka:\n  local:\n    bootstrap_servers: ${env:NOPE:-127.0.0.1:9092}\n"
                                + "sink:\n  cluster: local\n",
                        Map.of());
        assertThat(conf.sinkConnection().bootstrapServers()).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        assertThatThrownBy(
                        () ->
                                load(
                                        String.join(
                                                "\n",
                                                "kafka:",
                                                "  local:",
                                                "    bootstrap_servers: ${env:MISSING}",
                                                "    properties:",
                                                "      sasl.jaas.config: ${file:nowhere.txt}",
                                                "sink:",
                                                "  cluster: prod",
                                                "  delivery: twice",
                                                "job:",
                                                "  checkpoint_interval: 10 seconds",
                                                "extra: 1"),
                                        Map.of()))
                .hasMessageContaining(
                        "kafka.local.bootstrap_servers: environment variable MISSING is not set")
                .hasMessageContaining(
                        "kafka.local.properties.sasl.jaas.config: cannot read secret file")
                .hasMessageContaining(
                        "sink.cluster: no Kafka cluster named 'prod' under kafka:; declared: local")
                .hasMessageContaining("sink.delivery: 'twice' is not a delivery guarantee")
                .hasMessageContaining("job.checkpoint_interval: '10 seconds' is not a duration")
                .hasMessageContaining("extra: unknown key 'extra'")
                .hasMessageContaining("has 6 problems");
    }

    @Test
    void readsIcebergCatalogsAndPinsRelativeWarehousesToTheWorkingDirectory() throws IOException {
        ThymeConf conf =
                load(
                        String.join(
                                "\n",
                                "kafka: {local: {bootstrap_servers: 127.0.0.1:9092}}",
                                "iceberg:",
                                "  prod: {type: hadoop, warehouse: file:.thyme/warehouse}",
                                "  lake:",
                                "    type: rest",
                                "    uri: http://127.0.0.1:8181",
                                "    properties: {credential: '${env:CRED}'}",
                                "sink: {cluster: local}"),
                        Map.of("CRED", "id:s3cr3t"));
        assertThat(conf.connection(IcebergCatalogs.SECTION, "prod").orElseThrow().properties())
                .containsEntry("type", "hadoop")
                .containsEntry(
                        "warehouse",
                        Path.of(".thyme/warehouse")
                                .toAbsolutePath()
                                .normalize()
                                .toUri()
                                .toString());
        IcebergCatalogConf lake = conf.connection(IcebergCatalogs.SECTION, "lake").orElseThrow();
        assertThat(lake.properties())
                .containsEntry("uri", "http://127.0.0.1:8181")
                .containsEntry("credential", "id:s3cr3t");
        assertThat(lake.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void refusesIcebergCatalogsThatCannotBeOpened() {
        assertThatThrownBy(
                        () ->
                                load(
                                        String.join(
                                                "\n",
                                                "kafka: {local: {bootstrap_servers: x:9092}}",
                                                "iceberg:",
                                                "  a: {type: glue, warehouse: s3://w}",
                                                "  b: {type: rest}",
                                                "  c: {type: hadoop}",
                                                "sink: {cluster: local}"),
                                        Map.of()))
                .hasMessageContaining(
                        "iceberg.a.type: 'glue' is not a catalog type this build runs; write one"
                                + " of hadoop, rest, jdbc")
                .hasMessageContaining("iceberg.b.uri")
                .hasMessageContaining("iceberg.c.warehouse");
    }

    @Test
    void readsObjectStoresWithExplicitCredentialsOrALocalDirectory() throws IOException {
        ThymeConf conf =
                load(
                        String.join(
                                "\n",
                                "kafka: {local: {bootstrap_servers: 127.0.0.1:9092}}",
                                "s3:",
                                "  files: {endpoint: 'file:objects'}",
                                "  minio:",
                                "    endpoint: http://127.0.0.1:9000",
                                "    region: us-east-1",
                                "    path_style: true",
                                "    access_key_id: thyme",
                                "    secret_access_key: ${env:S3_SECRET}",
                                "sink: {cluster: local}"),
                        Map.of("S3_SECRET", "s3cr3t"));
        S3Connection files = conf.connection(S3Connections.SECTION, "files").orElseThrow();
        assertThat(files.isLocal()).isTrue();
        assertThat(files.endpoint())
                .isEqualTo(Path.of("objects").toAbsolutePath().normalize().toUri().toString());
        S3Connection minio = conf.connection(S3Connections.SECTION, "minio").orElseThrow();
        assertThat(minio.pathStyle()).isTrue();
        assertThat(minio.secretAccessKey()).isEqualTo("s3cr3t");
        assertThat(minio.toString()).doesNotContain("s3cr3t");
        assertThatThrownBy(
                        () ->
                                load(
                                        String.join(
                                                "\n",
                                                "kafka: {local: {bootstrap_servers: x:9092}}",
                                                "s3: {aws: {region: eu-west-1}}",
                                                "sink: {cluster: local}"),
                                        Map.of()))
                .hasMessageContaining("s3.aws.access_key_id")
                .hasMessageContaining("s3.aws.secret_access_key");
    }

    @Test
    void readsKinesisAccountsAndRefusesOnesWithoutCredentials() throws IOException {
        ThymeConf conf =
                load(
                        String.join(
                                "\n",
                                "kafka: {local: {bootstrap_servers: 127.0.0.1:9092}}",
                                "kinesis:",
                                "  aws:",
                                "    region: eu-west-1",
                                "    access_key_id: AKIDEXAMPLE",
                                "    secret_access_key: ${env:KINESIS_SECRET}",
                                "sink: {cluster: local}"),
                        Map.of("KINESIS_SECRET", "s3cr3t"));
        KinesisConnection aws = conf.connection(KinesisConnections.SECTION, "aws").orElseThrow();
        assertThat(aws.endpointOverride()).isEmpty();
        assertThat(aws.secretAccessKey()).isEqualTo("s3cr3t");
        assertThat(aws.toString()).doesNotContain("s3cr3t");
        assertThatThrownBy(
                        () ->
                                load(
                                        String.join(
                                                "\n",
                                                "kafka: {local: {bootstrap_servers: x:9092}}",
                                                "kinesis: {aws: {endpoint: 'http://127.0.0.1:4567'}}",
                                                "sink: {cluster: local}"),
                                        Map.of()))
                .hasMessageContaining("kinesis.aws.region")
                .hasMessageContaining("kinesis.aws.access_key_id")
                .hasMessageContaining("kinesis.aws.secret_access_key");
    }

    @Test
    void readsBigQueryProjectsAndSnowflakeAccountsWithExplicitCredentials() throws IOException {
        ThymeConf conf =
                load(
                        String.join(
                                "\n",
                                "kafka: {local: {bootstrap_servers: 127.0.0.1:9092}}",
                                "bigquery:",
                                "  analytics:",
                                "    project: acme-analytics",
                                "    credentials_file: /etc/thyme/bq-key.json",
                                "    location: EU",
                                "snowflake:",
                                "  prod:",
                                "    account: xy12345.eu-west-1",
                                "    user: THYME",
                                "    private_key_file: /etc/thyme/rsa_key.p8",
                                "    private_key_passphrase: ${env:SF_KEY_PASS}",
                                "    warehouse: INGEST_WH",
                                "    database: EVENTS",
                                "    schema: PUBLIC",
                                "sink: {cluster: local}"),
                        Map.of("SF_KEY_PASS", "k3y-pass"));
        BigQueryConnection bq =
                conf.connection(BigQueryConnections.SECTION, "analytics").orElseThrow();
        assertThat(bq.project()).isEqualTo("acme-analytics");
        assertThat(bq.anonymous()).isFalse();
        assertThat(bq.endpointOverride()).isEmpty();
        assertThat(bq.locationOverride()).hasValue("EU");
        SnowflakeConnection sf =
                conf.connection(SnowflakeConnections.SECTION, "prod").orElseThrow();
        assertThat(sf.keyPair()).isTrue();
        assertThat(sf.privateKeyPassphrase()).isEqualTo("k3y-pass");
        assertThat(sf.toString()).doesNotContain("k3y-pass");
        assertThatThrownBy(
                        () ->
                                load(
                                        String.join(
                                                "\n",
                                                "kafka: {local: {bootstrap_servers: x:9092}}",
                                                "bigquery: {bq: {project: p}}",
                                                "snowflake: {sf: {account: a, user: u,"
                                                        + " warehouse: w, database: d,"
                                                        + " schema: s}}",
                                                "sink: {cluster: local}"),
                                        Map.of()))
                .hasMessageContaining("bigquery.bq.credentials_file")
                .hasMessageContaining(
                        "snowflake.sf: give exactly one of password and private_key_file");
        assertThatThrownBy(
                        () ->
                                load(
                                        String.join(
                                                "\n",
                                                "kafka: {local: {bootstrap_servers: x:9092}}",
                                                "bigquery: {bq: {project: p, credentials_file:"
                                                        + " none}}",
                                                "snowflake: {sf: {account: a, user: u, password:"
                                                        + " pw, warehouse: w, database: d,"
                                                        + " schema: s, url: 'xy12345.snowflake'}}",
                                                "sink: {cluster: local}"),
                                        Map.of()))
                .hasMessageContaining(
                        "bigquery.bq.credentials_file: 'none' sends no credentials, which only a"
                                + " local peer accepts")
                .hasMessageContaining(
                        "snowflake.sf.url: 'xy12345.snowflake' is not an http(s) URL");
    }

    @Test
    void refusesEmptyRequiredValuesAndEndpointsThatAreNotUrls() {
        assertThatThrownBy(
                        () ->
                                load(
                                        String.join(
                                                "\n",
                                                "kafka:",
                                                "  local: {bootstrap_servers: \"\"}",
                                                "iceberg:",
                                                "  a: {type: \"\", warehouse: file:/w}",
                                                "s3:",
                                                "  files: {endpoint: .thyme/objects}",
                                                "kinesis:",
                                                "  k: {endpoint: localhost, region: r,"
                                                        + " access_key_id: a, secret_access_key: s}",
                                                "sink:",
                                                "  cluster: \"\""),
                                        Map.of()))
                .isInstanceOfSatisfying(
                        io.thyme.spec.InvalidSpecException.class,
                        e ->
                                assertThat(e.problems())
                                        .containsExactlyInAnyOrder(
                                                "kafka.local.bootstrap_servers: is empty; write its"
                                                        + " value, or ${env:VAR} to take it from"
                                                        + " the environment",
                                                "iceberg.a.type: '' is not a catalog type this"
                                                        + " build runs; write one of hadoop, rest,"
                                                        + " jdbc",
                                                "s3.files.endpoint: '.thyme/objects' is not an"
                                                        + " http(s) URL or a file: directory, e.g."
                                                        + " http://127.0.0.1:9000 or"
                                                        + " file:.thyme/objects",
                                                "s3.files.region: is required",
                                                "s3.files.access_key_id: is required",
                                                "s3.files.secret_access_key: is required",
                                                "kinesis.k.endpoint: 'localhost' is not an http(s)"
                                                        + " URL, e.g. http://127.0.0.1:4567",
                                                "sink.cluster: no Kafka cluster named '' under"
                                                        + " kafka:; declared: local"));
    }

    @Test
    void theShippedConfLoads() {
        ThymeConf conf = ConfLoader.loadDir(Path.of("conf"));
        assertThat(conf.sink().cluster()).isEqualTo("local");
        assertThat(conf.sinkConnection()).isNotNull();
    }

    @Test
    void masksBySecretKeyName() {
        assertThat(SecretMask.isSecretKey("sasl.jaas.config")).isTrue();
        assertThat(SecretMask.isSecretKey("ssl.key.password")).isTrue();
        assertThat(SecretMask.isSecretKey("aws_secret_access_key")).isTrue();
        assertThat(SecretMask.isSecretKey("credentials_file")).isTrue();
        assertThat(SecretMask.isSecretKey("security.protocol")).isFalse();
        assertThat(SecretMask.mask(Map.of("password", "x", "user", "u")))
                .containsEntry("password", "******")
                .containsEntry("user", "u");
    }
}
