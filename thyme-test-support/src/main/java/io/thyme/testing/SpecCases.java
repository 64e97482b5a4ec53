package io.thyme.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.conf.ThymeConf;
import io.thyme.spec.InvalidSpecException;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecLoader;
import org.junit.jupiter.params.provider.Arguments;

/** Refused specs as parameterized cases: a name, the spec's YAML, and what the message must say. */
public final class SpecCases {
    private SpecCases() {}

    /**
     * The guide's Transaction dataset (user_id key, amount, ts) read with {@code connector} (a flow
     * mapping), {@code cursor} and {@code every} ("" for none), 5m behind, cdc append.
     */
    public static String transactions(String connector, String cursor, String every) {
        return String.join(
                "\n",
                "dataset:",
                "  name: Transaction",
                "  index: true",
                "  fields:",
                "    user_id: {type: str, key: true}",
                "    amount: {type: float}",
                "    ts: {type: datetime, timestamp: true}",
                "source:",
                "  connector: " + connector,
                "  cursor: " + (cursor.isEmpty() ? "\"\"" : cursor),
                "  every: " + (every.isEmpty() ? "\"\"" : every),
                "  max_lateness: 5m",
                "  cdc: append",
                "");
    }

    /**
     * {@code spec} with a field named like the warehouse sources' page-query tie-breaker, which the
     * warehouse connectors refuse with this message ({@link #TIE_BREAKER_REFUSAL}).
     */
    public static String withTieBreakerField(String spec) {
        return spec.replace(
                "    ts: {type: datetime", "    thyme_tie: Optional[str]\n    ts: {type: datetime");
    }

    public static final String TIE_BREAKER_REFUSAL =
            "dataset.fields: the field name thyme_tie is reserved by the warehouse sources' page"
                    + " query; rename the field";

    /** {@code yaml} loaded against {@code conf}, as the job would. */
    public static JobSpec parse(ThymeConf conf, String yaml) {
        return new SpecLoader(conf).parse("test.yaml", yaml);
    }

    public static Arguments bad(String name, String yaml, String expected) {
        return Arguments.of(name, yaml, expected);
    }

    /** Loading {@code yaml} against {@code conf} fails naming {@code expected} (path and fix). */
    public static void assertRefused(ThymeConf conf, String name, String yaml, String expected) {
        assertThatThrownBy(() -> parse(conf, yaml))
                .as("spec with %s", name)
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining(expected);
    }
}
