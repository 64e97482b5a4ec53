package io.thyme.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar thyme-sources.jar validate ...}: the shaded jar alone, no Flink on the path. */
class ValidateCommandITCase {
    @TempDir Path dir;

    private static Path shadedJar() {
        return Path.of(ShadedJar.path());
    }

    /** Exit code, then everything the command printed. */
    private static List<String> validate(String... specs) throws Exception {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "java",
                                "-jar",
                                shadedJar().toString(),
                                "validate",
                                "--conf",
                                "conf"));
        command.addAll(List.of(specs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return List.of(Integer.toString(process.exitValue()), output);
    }

    @Test
    void acceptsEveryShippedSpec() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("jobs"))) {
            String[] specs =
                    files.map(Path::toString)
                            .filter(p -> p.endsWith(".yaml"))
                            .toArray(String[]::new);
            assertThat(specs).isNotEmpty();
            List<String> result = validate(specs);
            assertThat(result.get(1)).contains("OK (Transaction)").contains("OK (User)");
            assertThat(result.get(0)).as(result.get(1)).isEqualTo("0");
        }
    }

    @Test
    void printsEveryProblemAndExitsWithOne() throws Exception {
        Path spec =
                Files.writeString(
                        dir.resolve("bad.yaml"),
                        String.join(
                                "\n",
                                "dataset:",
                                "  name: Order",
                                "  fields:",
                                "    id: {type: string, key: true}",
                                "    ts: {type: datetime, timestamp: true}",
                                "source:",
                                "  connector: {kind: KafkaSource, cluster: nowhere, topic: orders}",
                                "  every: 1x",
                                ""));
        List<String> result = validate(spec.toString());
        assertThat(result.get(0)).isEqualTo("1");
        assertThat(result.get(1))
                .contains("bad.yaml has")
                .contains("dataset.fields.id.type: 'string' is not a field type")
                .contains("source.every: '1x' is not a duration");
    }
}
