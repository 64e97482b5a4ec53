package io.thyme.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * For *NoNetworkTest classes, which scripts/no-network/bin/java runs in a loopback-only namespace.
 */
public final class NoNetwork {
    private NoNetwork() {}

    /**
     * Checks that this JVM can reach no address but loopback, by connecting to a documentation
     * address (192.0.2.1, RFC 5737, never routed). Skipped when no namespace could be made: then
     * the connection is never attempted.
     */
    public static void assertOnlyLoopbackIsReachable() {
        assumeTrue(
                "1".equals(System.getenv("THYME_NO_NETWORK")),
                "not in a network namespace; scripts/no-network/bin/java printed why");
        assertThatThrownBy(
                        () -> {
                            try (Socket socket = new Socket()) {
                                socket.connect(new InetSocketAddress("192.0.2.1", 80), 2_000);
                            }
                        })
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unreachable");
    }
}
