package io.thyme.connectors.s3;

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
 * The s3: object stores in conf/thyme.yaml: what ConfLoader reads, and what it refuses with the
 * fix.
 */
class S3ConnectionsTest {
    @TempDir Path dir;

    private ThymeConf load(String yaml, Map<String, String> env) throws IOException {
        return TestConf.load(dir, yaml, env);
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
}
