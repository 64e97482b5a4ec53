package io.thyme.connectors.kinesis;

import static io.thyme.testing.SpecCases.bad;
import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.conf.ThymeConf;
import io.thyme.spec.JobSpec;
import io.thyme.testing.SpecCases;
import io.thyme.testing.TestConf;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** KinesisSource specs: what the loader reads, and what it refuses with the path and the fix. */
class KinesisSpecTest {
    static final String SPEC =
            SpecCases.transactions(
                    "{kind: KinesisSource, connection: aws, stream: readings}", "", "");

    private final ThymeConf conf =
            TestConf.withKafka("127.0.0.1:9092")
                    .withConnections(
                            KinesisConnections.SECTION,
                            Map.of(
                                    "aws",
                                    new KinesisConnection(
                                            "aws", "", "eu-west-1", "AKIDEXAMPLE", "secret")));

    private JobSpec parse(String yaml) {
        return SpecCases.parse(conf, yaml);
    }

    @Test
    void readsTheSpec() {
        assertThat(parse(SPEC).source().connector().kind()).isEqualTo("KinesisSource");
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                bad(
                        "kinesis: unknown account",
                        SPEC.replace("connection: aws", "connection: prod"),
                        "source.connector.connection: no account named 'prod' under kinesis: in"
                                + " test-conf; declared: aws"),
                bad(
                        "kinesis: bad stream name",
                        SPEC.replace("stream: readings", "stream: 'read ings'"),
                        "source.connector.stream: 'read ings' is not a Kinesis stream name"),
                bad(
                        "kinesis: bad initial position",
                        SPEC.replace(
                                "stream: readings", "stream: readings, initial_position: oldest"),
                        "source.connector.initial_position: 'oldest' is not a starting position;"
                                + " write trim_horizon, latest or at_timestamp:<ISO-8601 instant>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void refusesInvalidSpecWithPathAndFix(String name, String yaml, String expected) {
        SpecCases.assertRefused(conf, name, yaml, expected);
    }
}
