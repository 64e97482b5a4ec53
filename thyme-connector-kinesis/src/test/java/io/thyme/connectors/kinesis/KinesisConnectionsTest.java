package io.thyme.connectors.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.conf.ThymeConf;
import io.thyme.testing.TestConf;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kinesis: accounts in conf/thyme.yaml: what ConfLoader reads, and what it refuses with the
 * fix.
 */
class KinesisConnectionsTest {
    @TempDir Path dir;

    private ThymeConf load(String yaml, Map<String, String> env) throws IOException {
        return TestConf.load(dir, yaml, env);
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
}
