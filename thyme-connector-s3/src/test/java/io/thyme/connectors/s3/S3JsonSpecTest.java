package io.thyme.connectors.s3;

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

/** S3JsonSource specs: what the loader reads, and what it refuses with the path and the fix. */
class S3JsonSpecTest {
    static final String SPEC =
            SpecCases.transactions(
                    "{kind: S3JsonSource, connection: store, bucket: events, prefix: tx/}",
                    "",
                    "1m");

    private final ThymeConf conf =
            TestConf.withKafka("127.0.0.1:9092")
                    .withConnections(
                            S3Connections.SECTION,
                            Map.of(
                                    "store",
                                    new S3Connection(
                                            "store", "file:/tmp/objects", "", false, "", "")));

    private JobSpec parse(String yaml) {
        return SpecCases.parse(conf, yaml);
    }

    @Test
    void readsTheSpec() {
        assertThat(parse(SPEC).source().connector().kind()).isEqualTo("S3JsonSource");
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                bad(
                        "s3: unknown connection",
                        SPEC.replace("connection: store", "connection: aws"),
                        "source.connector.connection: no object store named 'aws' under s3: in"
                                + " test-conf; declared: store"),
                bad(
                        "s3: path in the bucket",
                        SPEC.replace("bucket: events", "bucket: events/tx"),
                        "source.connector.bucket: 'events/tx' is not a bucket name; put the path"
                                + " after the bucket in prefix"),
                bad(
                        "s3: broken glob",
                        SPEC.replace("prefix: tx/", "prefix: tx/, path_pattern: '*.{json'"),
                        "source.connector.path_pattern: '*.{json' is not a glob pattern"),
                bad(
                        "s3: no every",
                        SPEC.replace("every: 1m", "every: \"\""),
                        "source.every: S3JsonSource polls its source and needs an interval"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void refusesInvalidSpecWithPathAndFix(String name, String yaml, String expected) {
        SpecCases.assertRefused(conf, name, yaml, expected);
    }
}
