package io.thyme.connectors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The Flink line this jar was built for ({@code 1.20}, the LTS default, or {@code 2.1}), as the
 * build wrote it into {@code io/thyme/flink-line.properties}: Flink-free, so validation can say
 * what a line lacks with the jar alone.
 */
public record FlinkLine(String line, String flinkVersion) {
    private static final FlinkLine CURRENT = load();

    public static FlinkLine current() {
        return CURRENT;
    }

    /** Whether libraries built for Flink 1.x only (Flink CDC 3.5) run on this line. */
    public boolean runsFlink1Libraries() {
        return line.startsWith("1.");
    }

    private static FlinkLine load() {
        Properties props = new Properties();
        try (InputStream in =
                FlinkLine.class.getResourceAsStream("/io/thyme/flink-line.properties")) {
            if (in == null) {
                throw new IllegalStateException(
                        "io/thyme/flink-line.properties is missing: the jar was not built by Maven");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FlinkLine(props.getProperty("flink.line"), props.getProperty("flink.version"));
    }
}
