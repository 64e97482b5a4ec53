package io.thyme.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.conf.ConfLoader;
import io.thyme.conf.ThymeConf;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python package and the jar cannot drift: what {@code python3 -m thyme export} writes is
 * accepted by the jar's validator and means the same as the hand-written spec in {@code jobs/}.
 */
class PythonExportITCase {
    @TempDir Path out;

    private static String run(List<String> command, int expectedExit) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment()
                .put("PYTHONPATH", Path.of("src/main/python").toAbsolutePath().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as("%s printed:%n%s", command, output)
                .isEqualTo(expectedExit);
        return output;
    }

    /**
     * Exports {@code python} with the package, runs the shaded jar's validator over the result, and
     * compares it with the shipped spec {@code yaml}.
     */
    private void exportValidateAndCompare(String python, String yaml) throws Exception {
        run(List.of("python3", "-m", "thyme", "export", python, "--out", out.toString()), 0);
        Path exported = out.resolve("transaction.yaml");

        String validated =
                run(
                        List.of(
                                "java",
                                "-jar",
                                ShadedJar.path(),
                                "validate",
                                "--conf",
                                "conf",
                                exported.toString()),
                        0);
        assertThat(validated).contains("OK (Transaction)");

        ThymeConf conf = ConfLoader.loadDir(Path.of("conf"));
        JobSpec fromPython = new SpecLoader(conf).load(exported);
        JobSpec shipped = new SpecLoader(conf).load(Path.of(yaml));
        assertThat(fromPython.dataset()).isEqualTo(shipped.dataset());
        assertThat(fromPython.source()).isEqualTo(shipped.source());
    }

    /** The user guide's own example, byte for byte as the guide prints it. */
    @Test
    void theGuidesIcebergExamplePassesTheJarsValidatorAndEqualsJobsTransactions() throws Exception {
        exportValidateAndCompare("jobs/python/guide_transaction.py", "jobs/transactions.yaml");
    }

    @Test
    void theKafkaExamplePassesTheJarsValidatorAndEqualsJobsKafkaTransactions() throws Exception {
        exportValidateAndCompare(
                "jobs/python/kafka_transaction.py", "jobs/kafka/transactions.yaml");
    }
}
