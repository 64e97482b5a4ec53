package io.thyme.connectors.snowflake;

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
 * The snowflake: accounts in conf/thyme.yaml: what ConfLoader reads, and what it refuses with the
 * fix.
 */
class SnowflakeConnectionsTest {
    @TempDir Path dir;

    private ThymeConf load(String yaml, Map<String, String> env) throws IOException {
        return TestConf.load(dir, yaml, env);
    }

    @Test
    void readsSnowflakeAccountsWithExplicitCredentials() throws IOException {
        ThymeConf conf =
                load(
                        String.join(
                                "\n",
                                "kafka: {local: {bootstrap_servers: 127.0.0.1:9092}}",
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
                                                "snowflake: {sf: {account: a, user: u,"
                                                        + " warehouse: w, database: d,"
                                                        + " schema: s}}",
                                                "sink: {cluster: local}"),
                                        Map.of()))
                .hasMessageContaining(
                        "snowflake.sf: give exactly one of password and private_key_file");
        assertThatThrownBy(
                        () ->
                                load(
                                        String.join(
                                                "\n",
                                                "kafka: {local: {bootstrap_servers: x:9092}}",
                                                "snowflake: {sf: {account: a, user: u, password:"
                                                        + " pw, warehouse: w, database: d,"
                                                        + " schema: s, url: 'xy12345.snowflake'}}",
                                                "sink: {cluster: local}"),
                                        Map.of()))
                .hasMessageContaining(
                        "snowflake.sf.url: 'xy12345.snowflake' is not an http(s) URL");
    }
}
