package io.thyme.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.testing.TestConf;
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
        return TestConf.load(dir, yaml, env);
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
