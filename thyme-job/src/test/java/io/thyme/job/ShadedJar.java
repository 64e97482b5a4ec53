package io.thyme.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Finds the shaded job jar that {@code mvn package} built, for tests that run it as users do. */
final class ShadedJar {
    private ShadedJar() {}

    static String path() {
        String built = System.getProperty("thyme.jar"); // this Flink line's, set by failsafe
        if (built != null) {
            // never another line's jar from target/: a 2.1 run must not test the 1.20 jar
            if (!Files.isRegularFile(Path.of(built))) {
                throw new AssertionError(built + " is not built; run mvn package for this line");
            }
            return built;
        }
        try (Stream<Path> files = Files.list(Path.of("thyme-job/target"))) {
            return files.filter(p -> p.getFileName().toString().matches("thyme-sources-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new AssertionError(
                                            "no shaded jar in thyme-job/target/; run mvn package"))
                    .toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
