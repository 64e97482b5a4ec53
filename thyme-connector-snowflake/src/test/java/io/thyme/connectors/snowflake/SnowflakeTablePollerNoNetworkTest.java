package io.thyme.connectors.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.testing.NoNetwork;
import io.thyme.testing.peers.SnowflakePeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Snowflake poller's contract against the Snowflake peer (DuckDB behind Snowflake's protocol),
 * and both ways of logging in, in a JVM that can reach only loopback (scripts/no-network/bin/java).
 */
class SnowflakeTablePollerNoNetworkTest extends SnowflakeTablePollerContract {
    private KeyPair keys;
    private SnowflakePeer peer;

    @Override
    protected SnowflakeConnection open() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        peer = SnowflakePeer.start("thyme", "s3cret", keys.getPublic(), "THYME", "PUBLIC");
        return account("s3cret", "");
    }

    @Override
    protected void closeUp() throws Exception {
        peer.close();
    }

    private SnowflakeConnection account(String password, String keyFile) {
        return new SnowflakeConnection(
                "peer",
                "peer-account",
                "thyme",
                password,
                keyFile,
                "",
                "PEER_WH",
                "",
                "THYME",
                "PUBLIC",
                peer.url(),
                Map.of());
    }

    @Test
    void logsInWithAKeyPairAndRefusesAWrongPassword(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("rsa_key.p8");
        Files.writeString(
                key,
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(keys.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(
                key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        int before = peer.logins();
        try (Connection connection = SnowflakeClients.connect(account("", key.toString()))) {
            assertThat(connection.isValid(5)).isTrue();
        }
        assertThat(peer.logins()).isEqualTo(before + 1);
        assertThatThrownBy(() -> SnowflakeClients.connect(account("wrong", "")).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Incorrect username or password");
    }

    @Test
    void runsWhereOnlyLoopbackIsReachable() {
        NoNetwork.assertOnlyLoopbackIsReachable();
    }
}
