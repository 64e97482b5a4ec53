package io.thyme.connectors.bigquery;

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
 * The bigquery: projects in conf/thyme.yaml: what ConfLoader reads, and what it refuses with the
 * fix.
 */
class BigQueryConnectionsTest {
    @TempDir Path dir;

    private ThymeConf load(String yaml, Map<String, String> env) throws IOException {
        return TestConf.load(dir, yaml, env);
    }

    @Test
    void readsBigQueryProjectsWithExplicitCredentials() throws IOException {
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
                                "sink: {cluster: local}"),
                        Map.of());
        BigQueryConnection bq =
                conf.connection(BigQueryConnections.SECTION, "analytics").orElseThrow();
        assertThat(bq.project()).isEqualTo("acme-analytics");
        assertThat(bq.anonymous()).isFalse();
        assertThat(bq.endpointOverride()).isEmpty();
        assertThat(bq.locationOverride()).hasValue("EU");
        assertThatThrownBy(
                        () ->
                                load(
                                        String.join(
                                                "\n",
                                                "kafka: {local: {bootstrap_servers: x:9092}}",
                                                "bigquery: {bq: {project: p}}",
                                                "sink: {cluster: local}"),
                                        Map.of()))
                .hasMessageContaining("bigquery.bq.credentials_file");
        assertThatThrownBy(
                        () ->
                                load(
                                        String.join(
                                                "\n",
                                                "kafka: {local: {bootstrap_servers: x:9092}}",
                                                "bigquery: {bq: {project: p, credentials_file:"
                                                        + " none}}",
                                                "sink: {cluster: local}"),
                                        Map.of()))
                .hasMessageContaining(
                        "bigquery.bq.credentials_file: 'none' sends no credentials, which only a"
                                + " local peer accepts");
    }
}
