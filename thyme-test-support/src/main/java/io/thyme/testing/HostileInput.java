package io.thyme.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thyme.conf.ThymeConf;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.awaitility.Awaitility;

/**
 * Generated hostile records, and the checks every connector's hostile-input test makes: each record
 * ends up as an event, an invalid row or a late event, the one event too large for the sink is cut
 * down into .errors, and the job never fails a task.
 */
public final class HostileInput {
    private static final Instant BASE = Instant.parse("2024-05-01T10:00:00Z");

    private HostileInput() {}

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String tx(String user, String amount, String ts) {
        return "{\"user_id\":" + user + ",\"amount\":" + amount + ",\"ts\":" + ts + "}";
    }

    private static String time(Random random) {
        return "\"" + BASE.plusSeconds(random.nextInt(1200) - 600) + "\"";
    }

    /** Each hostile kind once per round, between valid records; seeded, so a failure repeats. */
    public static List<byte[]> hostileRecords(long seed, int rounds) {
        Random random = new Random(seed);
        List<byte[]> records = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            String user = "\"u" + random.nextInt(50) + "\"";
            List<byte[]> kinds =
                    new ArrayList<>(
                            java.util.Arrays.asList(
                                    utf8(tx(user, "1.5", "\"+999999999-12-31T23:59:59Z\"")),
                                    utf8(tx(user, "1.5", "9223372036854775807")),
                                    utf8(tx(user, "1.5", "-9223372036854775808")),
                                    utf8(tx(user, "1.5", "99999999999999999999999")),
                                    utf8(tx(user, "1.5", "\"0000-01-01T00:00:00Z\"")),
                                    utf8(tx(user, "1.5", "\"1969-12-31T23:59:59Z\"")),
                                    utf8(tx(user, "1.5", "\"0001-01-01T00:00:00Z\"")),
                                    utf8(tx(user, "1.5", "-1")),
                                    utf8(tx(user, "1.5", "\"2024-02-30T10:00:00Z\"")),
                                    utf8(tx(user, "1e309", time(random))),
                                    utf8(tx(user, "NaN", time(random))),
                                    utf8(tx(user, "-Infinity", time(random))),
                                    utf8(tx(user, "1" + "0".repeat(400), time(random))),
                                    utf8(tx(user, "\"abc\"", time(random))),
                                    utf8(tx("{}", "1", time(random))),
                                    utf8(tx("[\"a\"]", "1", time(random))),
                                    utf8(tx(user, "1", "12.5")),
                                    utf8(
                                            tx(
                                                    user,
                                                    "[".repeat(100_000) + "]".repeat(100_000),
                                                    time(random))),
                                    utf8(
                                            "{\"user_id\":\"a\",\"user_id\":\"b\",\"amount\":1,\"ts\":"
                                                    + time(random)
                                                    + "}"),
                                    utf8("{\"amount\":1,\"ts\":" + time(random) + "}"),
                                    utf8("[1,2,3]"),
                                    utf8("\"just a string\""),
                                    utf8("42"),
                                    utf8("null"),
                                    utf8(""),
                                    utf8("{"),
                                    utf8(tx("\"\\u0000\\ud800\"", "1", time(random))),
                                    null));
            byte[] invalidUtf8 = utf8(tx("\"xx\"", "1", time(random)));
            invalidUtf8[12] = (byte) 0xff;
            invalidUtf8[13] = (byte) 0xfe;
            kinds.add(invalidUtf8);
            if (round == 0) {
                // valid, but too large for the sink's max.request.size once encoded
                kinds.add(utf8(tx("\"" + "x".repeat(1_500_000) + "\"", "1", time(random))));
                // wrong types whose values are too large to repeat in the reason
                kinds.add(utf8(tx(user, "\"" + "9".repeat(700_000) + "\"", time(random))));
                kinds.add(utf8(tx(user, "1", "\"" + "2".repeat(700_000) + "\"")));
            }
            for (byte[] kind : kinds) {
                records.add(kind);
                for (int i = 0; i < 3; i++) {
                    records.add(
                            utf8(tx(user, Integer.toString(random.nextInt(1000)), time(random))));
                }
            }
        }
        return records;
    }

    private static int count(String topic) {
        return LocalKafka.readCommitted(
                        topic, Integer.MAX_VALUE, Duration.ofSeconds(3), Duration.ZERO)
                .size();
    }

    /**
     * Waits until the dataset topic, its .errors and its .late together hold {@code sent} records;
     * returns the three counts.
     */
    public static int[] awaitEveryRecordAccountedFor(String topic, int sent) {
        int[] counts = new int[3];
        Awaitility.await("events + errors + late = " + sent + " records sent")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(
                        () -> {
                            counts[0] = count(topic);
                            counts[1] = count(topic + ".errors");
                            counts[2] = count(topic + ".late");
                            assertThat(counts[0] + counts[1] + counts[2])
                                    .as(
                                            "events %d + errors %d + late %d",
                                            counts[0], counts[1], counts[2])
                                    .isEqualTo(sent);
                        });
        return counts;
    }

    private static JsonNode rest(URI base, String path) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }

    /** The job is RUNNING and its exception history (from the cluster's REST API) is empty. */
    public static void assertRunningWithoutTaskFailures(URI rest, JobClient job) throws Exception {
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        JsonNode exceptions = rest(rest, "jobs/" + job.getJobID() + "/exceptions");
        assertThat(exceptions.path("exceptionHistory").path("entries"))
                .as("task failures: %s", exceptions)
                .isEmpty();
    }

    /**
     * The spec the generated hostile records are read with (user_id key, amount, ts), with the
     * given connector (inside the braces) and source lines such as {@code "every: 1s"}.
     */
    public static JobSpec hostileSpec(ThymeConf conf, String connector, String... sourceLines) {
        List<String> lines =
                new ArrayList<>(
                        List.of(
                                "dataset:",
                                "  name: Transaction",
                                "  fields:",
                                "    user_id: {type: str, key: true}",
                                "    amount: float",
                                "    ts: {type: datetime, timestamp: true}",
                                "source:",
                                "  connector: {" + connector + "}"));
        for (String line : sourceLines) {
            lines.add("  " + line);
        }
        lines.add("");
        return new SpecLoader(conf).parse("hostile.yaml", String.join("\n", lines));
    }

    /**
     * The headers of the records in {@code topic}.errors (of {@code errors}) that were cut down.
     */
    public static List<Map<String, String>> cutDownErrors(String topic, int errors) {
        return LocalKafka.readCommitted(
                        topic + ".errors", errors, Duration.ofSeconds(10), Duration.ZERO)
                .stream()
                .map(LocalKafka::headers)
                .filter(h -> "true".equals(h.get("thyme.truncated")))
                .toList();
    }

    /**
     * Of the {@code errors} records in {@code topic}.errors, exactly one is an event too large for
     * the sink, cut down, with the reason naming the setting.
     */
    public static void assertOneOversizedEventInErrors(String topic, int errors) {
        assertThat(cutDownErrors(topic, errors))
                .as("the event too large for the sink, in .errors")
                .singleElement()
                .satisfies(
                        h ->
                                assertThat(h.get("thyme.reason"))
                                        .contains("more than the sink's max.request.size"));
    }
}
