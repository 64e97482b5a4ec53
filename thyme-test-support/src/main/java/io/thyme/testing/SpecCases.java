package io.thyme.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thyme.conf.ThymeConf;
import io.thyme.spec.InvalidSpecException;
import io.thyme.spec.SpecLoader;
import org.junit.jupiter.params.provider.Arguments;

/** Refused specs as parameterized cases: a name, the spec's YAML, and what the message must say. */
public final class SpecCases {
    private SpecCases() {}

    public static Arguments bad(String name, String yaml, String expected) {
        return Arguments.of(name, yaml, expected);
    }

    /** Loading {@code yaml} against {@code conf} fails naming {@code expected} (path and fix). */
    public static void assertRefused(ThymeConf conf, String name, String yaml, String expected) {
        assertThatThrownBy(() -> new SpecLoader(conf).parse("test.yaml", yaml))
                .as("spec with %s", name)
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining(expected);
    }
}
