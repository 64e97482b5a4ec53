package io.thyme.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thyme.connectors.FlinkLine;

/** What tests of a feature one Flink line lacks do on the others. */
public final class FlinkLines {
    private FlinkLines() {}

    /**
     * Skips the calling test on a line where Flink CDC does not run (2.x: no Flink CDC build);
     * {@code FlinkLineRefusalTest} checks that validation refuses such specs there instead.
     */
    public static void assumeFlinkCdcRuns() {
        assumeTrue(
                FlinkLine.current().runsFlink1Libraries(),
                "PostgresSource cdc: debezium needs Flink CDC, which has no build for Flink "
                        + FlinkLine.current().line());
    }
}
